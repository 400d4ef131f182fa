import { notFound } from "next/navigation";

import { ConversationView } from "~/features/conversations/conversation-view";
import { PAGE_SIZE, historyOptions } from "~/features/messages/history-options";
import type { PageProps } from "~/lib/route-props";
import { HydrateClient, getQueryClient, serverCall, trpc } from "~/trpc/server";

/** A DM or group of the viewer's: the list and the newest page of its history come with the HTML. */
export default async function ConversationPage({ params }: PageProps<{ channelId: string }>) {
  const { channelId } = await params;
  const queryClient = getQueryClient();
  const conversations = await queryClient.fetchQuery(trpc.dm.list.queryOptions());
  if (!conversations.some((conversation) => conversation.id === channelId)) notFound();
  await queryClient.prefetchInfiniteQuery(
    historyOptions(channelId, (before) => serverCall((caller) => caller.message.list({ channelId, before, limit: PAGE_SIZE }))),
  );
  return (
    <HydrateClient>
      <ConversationView key={channelId} channelId={channelId} />
    </HydrateClient>
  );
}
