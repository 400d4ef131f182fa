"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { Hash, Menu } from "~/components/icons";
import { IconButton } from "~/components/ui/button";

import { SearchBox } from "../search/search-box";
import { useShell } from "../shell/shell-state";
import { SidePanelToggle } from "../shell/side-panel";
import { NotificationPermission } from "../unread/notification-permission";

/** `tools`: the open channel's own buttons (its pins), before the server-wide ones. */
export function ChannelHeader({ serverId, name, topic, tools }: { serverId: string; name: string; topic?: string; tools?: ReactNode }) {
  const t = useTranslations("channels.header");
  const { setNavOpen } = useShell();
  return (
    <header className="flex h-12 shrink-0 items-center gap-2 border-b border-rail px-3 shadow-sm">
      <IconButton label={t("openChannels")} className="md:hidden" onClick={() => setNavOpen(true)}>
        <Menu className="size-5" aria-hidden />
      </IconButton>
      <Hash className="size-6 shrink-0 text-faint" aria-hidden />
      <h1 className="min-w-0 truncate font-semibold text-strong">{name}</h1>
      {topic && (
        <>
          <span aria-hidden className="mx-2 hidden h-6 w-px bg-line sm:block" />
          <p className="hidden min-w-0 truncate text-sm text-muted sm:block">{topic}</p>
        </>
      )}
      <div className="ml-auto flex shrink-0 items-center gap-1">
        {tools}
        <NotificationPermission />
        <SearchBox serverId={serverId} />
      </div>
      <SidePanelToggle show={t("showMembers")} hide={t("hideMembers")} />
    </header>
  );
}
