"use client";

import { type DialogTab, TabbedDialog } from "~/components/ui/tabbed-dialog";

import { SecurityTab } from "./security-tab";
import { SessionsTab } from "./sessions-tab";
import { StatusTab } from "./status-tab";

export type AccountTab = "status" | "sessions" | "security";

const tabs: DialogTab<AccountTab>[] = [
  { id: "status", label: "Status", render: () => <StatusTab /> },
  { id: "sessions", label: "Sessions", render: () => <SessionsTab /> },
  { id: "security", label: "Password and 2FA", render: () => <SecurityTab /> },
];

/** The signed-in user's own settings: status, where they are signed in, password and two-factor. */
export function AccountSettingsDialog({ tab, onTab, onClose }: { tab: AccountTab | null; onTab: (tab: AccountTab) => void; onClose: () => void }) {
  return (
    <TabbedDialog
      tab={tab}
      onTab={onTab}
      onClose={onClose}
      tabs={tabs}
      title="Your account"
      description="Settings"
      tabsLabel="Account sections"
      idPrefix="account"
    />
  );
}
