import type { ReactNode } from "react";

import { ChannelSidebar } from "~/features/channels/channel-sidebar";
import { ServerLive } from "~/features/members/use-presence";
import { orNotFound } from "~/lib/server-errors";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server";

/** A server the viewer belongs to: its channels and members are in the first HTML. */
export default async function ServerLayout({ children, params }: { children: ReactNode; params: Promise<{ serverId: string }> }) {
  const { serverId } = await params;
  const queryClient = getQueryClient();
  await orNotFound(queryClient.fetchQuery(trpc.server.get.queryOptions({ serverId })));
  await Promise.all([
    queryClient.prefetchQuery(trpc.channel.list.queryOptions({ serverId })),
    queryClient.prefetchQuery(trpc.member.list.queryOptions({ serverId })),
  ]);
  return (
    <HydrateClient>
      <ServerLive serverId={serverId} />
      <ChannelSidebar serverId={serverId} />
      {children}
    </HydrateClient>
  );
}
