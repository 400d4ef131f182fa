import { redirect } from "next/navigation";

import { NoChannels } from "~/features/channels/no-channels";
import type { PageProps } from "~/lib/route-props";
import { getQueryClient, trpc } from "~/trpc/server";

/** A server's address opens its first channel. */
export default async function ServerPage({ params }: PageProps<{ serverId: string }>) {
  const { serverId } = await params;
  const channels = await getQueryClient().fetchQuery(trpc.channel.list.queryOptions({ serverId }));
  if (channels[0]) redirect(`/channels/${serverId}/${channels[0].id}`);
  return <NoChannels serverId={serverId} />;
}
