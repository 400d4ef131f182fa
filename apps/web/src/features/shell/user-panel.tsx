"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { useState } from "react";

import { LogOut, Settings } from "~/components/icons";
import { Avatar } from "~/components/ui/avatar";
import { IconButton } from "~/components/ui/button";
import { useTRPC } from "~/trpc/react";

import type { AccountTab } from "../account/account-settings-dialog";
import { presenceChoices } from "../account/presence-choices";
import { useViewer } from "./use-viewer";

// Loaded when first opened: its tabs (sessions, two-factor, push) are no part of opening a channel.
const AccountSettingsDialog = dynamic(() => import("../account/account-settings-dialog").then((module) => module.AccountSettingsDialog), { ssr: false });

/** The signed-in user at the foot of the channel column, with their status, account settings and log out. */
export function UserPanel() {
  const t = useTranslations("shell.userPanel");
  const tPresence = useTranslations("account.presence");
  const trpc = useTRPC();
  const viewer = useViewer();
  const [tab, setTab] = useState<AccountTab | null>(null);
  const status = useQuery(trpc.status.get.queryOptions());
  const presence = status.data?.presence ?? "online";

  return (
    <div className="flex items-center gap-2 bg-[#232428] px-2 py-2">
      {viewer && <Avatar name={viewer.username} src={viewer.avatarUrl} size="sm" online={presenceChoices[presence].dot} />}
      <button type="button" onClick={() => setTab("status")} className="min-w-0 flex-1 rounded text-left hover:bg-hover">
        <span className="sr-only">{t("setStatus")}</span>
        <p className="truncate text-sm font-semibold text-strong">{viewer?.username}</p>
        <p className="truncate text-xs text-muted">
          {status.data?.custom ? `${status.data.custom.emoji ?? ""} ${status.data.custom.text}`.trim() : tPresence(presence)}
        </p>
      </button>
      <IconButton label={t("accountSettings")} onClick={() => setTab("status")}>
        <Settings className="size-[18px]" aria-hidden />
      </IconButton>
      {/* A plain POST (app/logout/route.ts), with or without JavaScript; the full page load that
          follows drops every cached query and the live socket of the old session. */}
      <form method="post" action="/logout">
        <IconButton type="submit" label={t("logOut")}>
          <LogOut className="size-[18px]" aria-hidden />
        </IconButton>
      </form>
      {tab !== null && <AccountSettingsDialog tab={tab} onTab={setTab} onClose={() => setTab(null)} />}
    </div>
  );
}
