"use client";

import type { RouterOutputs } from "@chat/api";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { type DialogTab, TabbedDialog } from "~/components/ui/tabbed-dialog";
import { type Person, can, personOf } from "~/lib/can";

import { EmojisTab } from "../../emojis/emojis-tab";
import { useViewer } from "../../shell/use-viewer";
import { AuditTab } from "./audit-tab";
import { BansTab } from "./bans-tab";
import { DangerTab } from "./danger-tab";
import { InviteTab } from "./invite-tab";
import { MembersTab } from "./members-tab";
import { OverviewTab } from "./overview-tab";
import { PrivacyTab } from "./privacy-tab";
import { RolesTab } from "./roles-tab";

export type Server = RouterOutputs["server"]["get"];
export type SettingsTab = "overview" | "invite" | "roles" | "emoji" | "members" | "bans" | "audit" | "privacy" | "danger";

/** The name of a tab in `servers.settings.tabs`: its id, but for the danger tab, which says what it does. */
type TabLabel = Exclude<SettingsTab, "danger"> | "delete" | "leave";

interface TabSpec {
  id: SettingsTab;
  /** Without one, the tab's label is its id's. */
  label?: (viewer: Person) => TabLabel;
  visible: (viewer: Person) => boolean;
  render: (server: Server, viewer: Person) => ReactNode;
  danger?: boolean;
}

/** Each tab shows only when the API's permission table allows one of its actions to the viewer. */
const tabs: TabSpec[] = [
  { id: "overview", visible: (viewer) => can("server.update", viewer), render: (server) => <OverviewTab server={server} /> },
  {
    id: "invite",
    visible: (viewer) => can("invite.manage", viewer) || can("invite.create", viewer),
    render: (server, viewer) => <InviteTab server={server} viewer={viewer} /> },
  // Everyone may read roles; the tab is for those who manage them.
  { id: "roles", visible: (viewer) => can("role.manage", viewer), render: (server, viewer) => <RolesTab server={server} viewer={viewer} /> },
  { id: "emoji", visible: (viewer) => can("emoji.manage", viewer), render: (server) => <EmojisTab serverId={server.id} /> },
  {
    id: "members",
    visible: (viewer) => can("member.updateRole", viewer) || can("member.transferOwnership", viewer),
    render: (server, viewer) => <MembersTab server={server} viewer={viewer} />,
  },
  { id: "bans", visible: (viewer) => can("ban.read", viewer), render: (server) => <BansTab server={server} /> },
  { id: "audit", visible: (viewer) => can("audit.read", viewer), render: (server) => <AuditTab server={server} /> },
  // The viewer's own settings for this server: every member has them.
  { id: "privacy", visible: (viewer) => can("server.read", viewer), render: (server) => <PrivacyTab server={server} /> },
  {
    id: "danger",
    // The owner cannot leave (ownership goes first) and only the owner deletes.
    label: (viewer) => (can("server.delete", viewer) ? "delete" : "leave"),
    visible: (viewer) => can("server.delete", viewer) || can("server.leave", viewer),
    render: (server, viewer) => <DangerTab server={server} viewer={viewer} />,
    danger: true,
  },
];

export function ServerSettingsDialog({
  server,
  tab,
  onTab,
  onClose,
}: {
  server: Server;
  tab: SettingsTab | null;
  onTab: (tab: SettingsTab) => void;
  onClose: () => void;
}) {
  const t = useTranslations("servers.settings");
  const me = useViewer();
  const viewer: Person | undefined = me && personOf(me.id, server);
  const visible: DialogTab<SettingsTab>[] = viewer
    ? tabs
        .filter((spec) => spec.visible(viewer))
        .map((spec) => ({
          id: spec.id,
          label: t(`tabs.${spec.label?.(viewer) ?? (spec.id as TabLabel)}`),
          render: () => spec.render(server, viewer),
          danger: spec.danger,
        }))
    : [];

  return (
    <TabbedDialog
      tab={tab}
      onTab={onTab}
      onClose={onClose}
      tabs={visible}
      title={server.name}
      description={t("description")}
      tabsLabel={t("sections")}
      idPrefix="settings"
    />
  );
}
