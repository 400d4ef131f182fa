"use client";

import type { RemovalReason } from "@chat/api";
import { useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useState } from "react";

import { useTRPC } from "~/trpc/react";

/** A kick or ban of the signed-in user, as `user.onEvent` tells it. */
export interface Removal {
  serverId: string;
  serverName: string;
  reason: RemovalReason;
  banReason: string | null;
}

/**
 * A kick or ban of the signed-in user, heard on the one `user.onEvent` stream (UserLive): takes
 * them out of the server (its live subscriptions end on their own; this drops it from the rail and
 * leaves its pages) and keeps the removal for the notice that says why.
 */
export function useRemoval() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const [removal, setRemoval] = useState<Removal | null>(null);
  const onRemoved = useCallback(
    (removed: Removal) => {
      setRemoval(removed);
      void queryClient.invalidateQueries(trpc.server.list.queryFilter());
      if (pathname.startsWith(`/channels/${removed.serverId}`)) router.replace("/channels");
      queryClient.removeQueries(trpc.server.get.queryFilter({ serverId: removed.serverId }));
    },
    [trpc, queryClient, router, pathname],
  );
  return { removal, onRemoved, dismiss: () => setRemoval(null) };
}
