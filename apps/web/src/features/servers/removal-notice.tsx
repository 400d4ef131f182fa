"use client";

import type { RemovalReason } from "@chat/api";
import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { ShieldAlert, X } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";

import { useTRPC } from "~/trpc/react";

/** A kick or ban of the signed-in user, as `user.onEvent` tells it. */
interface Removal {
  serverId: string;
  serverName: string;
  reason: RemovalReason;
  banReason: string | null;
}

/** What the user is told, in words. */
export function removalText(event: Pick<Removal, "serverName" | "reason" | "banReason">): string {
  if (event.reason === "kicked") return `You were kicked from ${event.serverName}.`;
  return `You were banned from ${event.serverName}${event.banReason ? `: ${event.banReason}` : "."}`;
}

/**
 * Tells the user when they are kicked or banned from a server, and takes them out of it: the
 * server's live subscriptions end on their own; this says why and drops the server from the rail.
 */
export function RemovalNotice() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const [event, setEvent] = useState<Removal | null>(null);

  useSubscription(
    trpc.user.onEvent.subscriptionOptions(undefined, {
      onData: (update) => {
        if (update.type !== "membership" || (update.action !== "kicked" && update.action !== "banned")) return;
        const removed = { serverId: update.serverId, serverName: update.serverName, reason: update.action, banReason: update.banReason };
        setEvent(removed);
        void queryClient.invalidateQueries(trpc.server.list.queryFilter());
        if (pathname.startsWith(`/channels/${removed.serverId}`)) router.replace("/channels");
        queryClient.removeQueries(trpc.server.get.queryFilter({ serverId: removed.serverId }));
      },
    }),
  );

  if (!event) return null;
  return (
    <div role="alert" className="flex items-center justify-center gap-2 bg-[#f0b232] px-4 py-1.5 text-sm font-medium text-black">
      <ShieldAlert className="size-4" aria-hidden />
      {removalText(event)}
      <button type="button" aria-label="Dismiss" onClick={() => setEvent(null)} className="ml-2 rounded p-0.5 hover:bg-black/10">
        <X className="size-4" aria-hidden />
      </button>
    </div>
  );
}
