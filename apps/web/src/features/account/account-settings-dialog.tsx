"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { type DialogTab, TabbedDialog } from "~/components/ui/tabbed-dialog";

import { ProfileTab } from "../people/profile-tab";
import { LanguageTab } from "./language-tab";
import { NotificationsTab } from "./notifications-tab";
import { PrivacyTab } from "./privacy-tab";
import { SecurityTab } from "./security-tab";
import { SessionsTab } from "./sessions-tab";
import { StatusTab } from "./status-tab";

export type AccountTab = "profile" | "status" | "notifications" | "privacy" | "language" | "sessions" | "security";

const panels: Record<AccountTab, () => ReactNode> = {
  profile: () => <ProfileTab />,
  status: () => <StatusTab />,
  notifications: () => <NotificationsTab />,
  privacy: () => <PrivacyTab />,
  language: () => <LanguageTab />,
  sessions: () => <SessionsTab />,
  security: () => <SecurityTab />,
};

/** The signed-in user's own settings: profile, status, notifications on this device, who may DM them, language, where they are signed in, password and two-factor. */
export function AccountSettingsDialog({ tab, onTab, onClose }: { tab: AccountTab | null; onTab: (tab: AccountTab) => void; onClose: () => void }) {
  const t = useTranslations("account.settings");
  const tabs: DialogTab<AccountTab>[] = (Object.keys(panels) as AccountTab[]).map((id) => ({ id, label: t(`tabs.${id}`), render: panels[id] }));
  return (
    <TabbedDialog
      tab={tab}
      onTab={onTab}
      onClose={onClose}
      tabs={tabs}
      title={t("title")}
      description={t("description")}
      tabsLabel={t("sections")}
      idPrefix="account"
    />
  );
}
