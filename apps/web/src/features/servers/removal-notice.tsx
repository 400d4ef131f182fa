"use client";

import { useTranslations } from "next-intl";

import { ShieldAlert, X } from "~/components/icons";

import type { Removal } from "./use-removal";

/** What the user is told, in words. */
export function removalText(event: Pick<Removal, "serverName" | "reason" | "banReason">, t: ReturnType<typeof useTranslations<"servers.removal">>): string {
  if (event.reason === "kicked") return t("kicked", { server: event.serverName });
  return event.banReason ? t("bannedFor", { server: event.serverName, reason: event.banReason }) : t("banned", { server: event.serverName });
}

/** Tells the user why they left a server: kicked, or banned with the reason given. */
export function RemovalNotice({ removal, onDismiss }: { removal: Removal; onDismiss: () => void }) {
  const t = useTranslations("servers.removal");
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
