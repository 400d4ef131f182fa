"use client";

import type { RemovalReason } from "@chat/api";
import { useQueryClient } from "@tanstack/react-query";
import { ShieldAlert, X } from "lucide-react";
import { useTranslations } from "next-intl";
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

/** What the user is told, in words. */
export function removalText(event: Pick<Removal, "serverName" | "reason" | "banReason">, t: ReturnType<typeof useTranslations<"servers.removal">>): string {
  if (event.reason === "kicked") return t("kicked", { server: event.serverName });
  return event.banReason ? t("bannedFor", { server: event.serverName, reason: event.banReason }) : t("banned", { server: event.serverName });
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

/** Tells the user why they left a server: kicked, or banned with the reason given. */
export function RemovalNotice({ removal, onDismiss }: { removal: Removal | null; onDismiss: () => void }) {
  const t = useTranslations("servers.removal");
  if (!removal) return null;
  return (
    <div role="alert" className="flex items-center justify-center gap-2 bg-[#f0b232] px-4 py-1.5 text-sm font-medium text-black">
      <ShieldAlert className="size-4" aria-hidden />
      {removalText(removal, t)}
      <button type="button" aria-label={t("dismiss")} onClick={onDismiss} className="ml-2 rounded p-0.5 hover:bg-black/10">
        <X className="size-4" aria-hidden />
      </button>
    </div>
  );
}
