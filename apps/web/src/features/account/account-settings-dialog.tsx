"use client";

import { type DialogTab, TabbedDialog } from "~/components/ui/tabbed-dialog";

import { ProfileTab } from "../people/profile-tab";
import { NotificationsTab } from "./notifications-tab";
import { PrivacyTab } from "./privacy-tab";
import { SecurityTab } from "./security-tab";
import { SessionsTab } from "./sessions-tab";
import { StatusTab } from "./status-tab";

export type AccountTab = "profile" | "status" | "notifications" | "privacy" | "sessions" | "security";

const tabs: DialogTab<AccountTab>[] = [
  { id: "profile", label: "Profile", render: () => <ProfileTab /> },
  { id: "status", label: "Status", render: () => <StatusTab /> },
  { id: "notifications", label: "Notifications", render: () => <NotificationsTab /> },
  { id: "privacy", label: "Privacy", render: () => <PrivacyTab /> },
  { id: "sessions", label: "Sessions", render: () => <SessionsTab /> },
  { id: "security", label: "Password and 2FA", render: () => <SecurityTab /> },
];

/** The signed-in user's own settings: profile, status, notifications on this device, who may DM them, where they are signed in, password and two-factor. */
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
