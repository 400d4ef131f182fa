"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { cn } from "~/lib/cn";

import { useShortcuts } from "../navigation/use-shortcuts";
import { ServerRail } from "../servers/server-rail";
import { useRemoval } from "../servers/use-removal";
import { UserLive } from "../unread/user-live";
import { ConnectionBanner } from "./connection-banner";
import { useShell } from "./shell-state";
import { useSwipePanels } from "./use-swipe-panels";

// Loaded when first shown: the switcher opens on Ctrl/⌘+K (heard by useShortcuts), the notice on a kick or ban.
const RemovalNotice = dynamic(() => import("../servers/removal-notice").then((module) => module.RemovalNotice), { ssr: false });
const QuickSwitcher = dynamic(() => import("../navigation/quick-switcher").then((module) => module.QuickSwitcher), { ssr: false });

/** The app's frame: the connection banner over the server rail and the page's columns. */
export function AppFrame({ children }: { children: ReactNode }) {
  const t = useTranslations("shell.frame");
  const { navOpen, setNavOpen, dialog } = useShell();
  const { removal, onRemoved, dismiss } = useRemoval();
  useShortcuts();
  useSwipePanels();
  return (
    <div className="flex h-dvh flex-col overflow-hidden">
      <ConnectionBanner />
      {removal && <RemovalNotice removal={removal} onDismiss={dismiss} />}
      <UserLive onRemoved={onRemoved} />
      {dialog === "quickSwitcher" && <QuickSwitcher />}
      <div className="relative flex min-h-0 flex-1">
        {navOpen && (
          <button type="button" aria-label={t("closeNavigation")} tabIndex={-1} onClick={() => setNavOpen(false)} className="fixed inset-0 z-30 bg-black/50 md:hidden" />
        )}
        <div className={cn(navOpen ? "fixed inset-y-0 left-0 z-40 flex" : "hidden", "md:static md:flex")}>
          <ServerRail />
        </div>
        {children}
      </div>
    </div>
  );
}

/** Columns that belong to the navigation: beside the content on wide screens, a drawer on phones. */
export function useNavColumnClass(offsetClass: string): string {
  const { navOpen } = useShell();
  return cn(navOpen ? `fixed inset-y-0 z-40 flex ${offsetClass}` : "hidden", "md:static md:flex");
}
