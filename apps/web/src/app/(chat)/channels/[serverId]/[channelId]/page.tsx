import { ChannelView } from "~/features/messages/channel-view";
import { PAGE_SIZE, historyOptions } from "~/features/messages/history-options";
import type { PageProps } from "~/lib/route-props";
import { HydrateClient, getQueryClient, serverCall } from "~/trpc/server";

/** A channel: the newest page of its history comes with the HTML; older pages load as the reader scrolls up. */
export default async function ChannelPage({ params }: PageProps<{ serverId: string; channelId: string }>) {
  const { serverId, channelId } = await params;
  await getQueryClient().prefetchInfiniteQuery(
    historyOptions(channelId, (before) => serverCall((caller) => caller.message.list({ channelId, before, limit: PAGE_SIZE }))),
  );
  return (
    <HydrateClient>
      <ChannelView key={channelId} serverId={serverId} channelId={channelId} />
    </HydrateClient>
  );
}
