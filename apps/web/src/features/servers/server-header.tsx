"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { Settings, UserPlus } from "~/components/icons";
import { IconButton } from "~/components/ui/button";
import { Skeleton } from "~/components/ui/skeleton";
import { useTRPC } from "~/trpc/react";

import { ServerNotifySettings } from "../unread/notify-settings";
import type { SettingsTab } from "./settings/server-settings-dialog";

// Loaded when first opened: roles, members, bans and the audit log are no part of opening a channel.
const ServerSettingsDialog = dynamic(() => import("./settings/server-settings-dialog").then((module) => module.ServerSettingsDialog), { ssr: false });

/** The server's name over its channels, with the notification (and mute), invite and settings buttons. */
export function ServerHeader({ serverId }: { serverId: string }) {
  const t = useTranslations("servers.header");
  const trpc = useTRPC();
  const server = useQuery(trpc.server.get.queryOptions({ serverId }));
  const [tab, setTab] = useState<SettingsTab | null>(null);

  return (
    <header className="flex h-12 shrink-0 items-center gap-1 border-b border-rail px-4 shadow-sm">
      <h1 className="min-w-0 flex-1 truncate font-semibold text-strong">{server.data?.name ?? <Skeleton className="h-5 w-28" />}</h1>
      <ServerNotifySettings serverId={serverId} />
      <IconButton label={t("invite")} onClick={() => setTab("invite")}>
        <UserPlus className="size-[18px]" aria-hidden />
      </IconButton>
      <IconButton label={t("settings")} onClick={() => setTab("overview")}>
        <Settings className="size-[18px]" aria-hidden />
      </IconButton>
      {server.data && tab !== null && <ServerSettingsDialog server={server.data} tab={tab} onTab={setTab} onClose={() => setTab(null)} />}
    </header>
  );
}
