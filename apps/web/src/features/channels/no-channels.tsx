"use client";

import { useTranslations } from "next-intl";

import { Hash, Menu } from "~/components/icons";
import { IconButton } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/notice";
import { can } from "~/lib/can";

import { useShell } from "../shell/shell-state";
import { useMembership } from "../shell/use-viewer";

export function NoChannels({ serverId }: { serverId: string }) {
  const t = useTranslations("channels.noChannels");
  const membership = useMembership(serverId);
  const { setNavOpen } = useShell();
  return (
    <main className="flex min-w-0 flex-1 flex-col bg-chat">
      <header className="flex h-12 items-center border-b border-rail px-3 md:hidden">
        <IconButton label={t("openChannels")} onClick={() => setNavOpen(true)}>
          <Menu className="size-5" aria-hidden />
        </IconButton>
      </header>
      <EmptyState icon={<Hash className="size-8" aria-hidden />} title={t("title")} className="flex-1">
        {can("channel.create", membership) ? t("create") : t("wait")}
      </EmptyState>
    </main>
  );
}
