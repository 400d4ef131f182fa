"use client";

import type { RouterOutputs } from "@chat/api";
import type { ReactNode } from "react";

import { type DialogTab, TabbedDialog } from "~/components/ui/tabbed-dialog";
import { type Person, can, personOf } from "~/lib/can";

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
export type SettingsTab = "overview" | "invite" | "roles" | "members" | "bans" | "audit" | "privacy" | "danger";

interface TabSpec {
  id: SettingsTab;
  label: string | ((viewer: Person) => string);
  visible: (viewer: Person) => boolean;
  render: (server: Server, viewer: Person) => ReactNode;
  danger?: boolean;
}

/** Each tab shows only when the API's permission table allows one of its actions to the viewer. */
const tabs: TabSpec[] = [
  { id: "overview", label: "Overview", visible: (viewer) => can("server.update", viewer), render: (server) => <OverviewTab server={server} /> },
  {
    id: "invite",
    label: "Invite",
    visible: (viewer) => can("invite.manage", viewer) || can("invite.create", viewer),
    render: (server, viewer) => <InviteTab server={server} viewer={viewer} /> },
  // Everyone may read roles; the tab is for those who manage them.
  { id: "roles", label: "Roles", visible: (viewer) => can("role.manage", viewer), render: (server, viewer) => <RolesTab server={server} viewer={viewer} /> },
  {
    id: "members",
    label: "Members",
    visible: (viewer) => can("member.updateRole", viewer) || can("member.transferOwnership", viewer),
    render: (server, viewer) => <MembersTab server={server} viewer={viewer} />,
  },
  { id: "bans", label: "Bans", visible: (viewer) => can("ban.read", viewer), render: (server) => <BansTab server={server} /> },
  { id: "audit", label: "Audit log", visible: (viewer) => can("audit.read", viewer), render: (server) => <AuditTab server={server} /> },
  // The viewer's own settings for this server: every member has them.
  { id: "privacy", label: "Privacy", visible: (viewer) => can("server.read", viewer), render: (server) => <PrivacyTab server={server} /> },
  {
    id: "danger",
    // The owner cannot leave (ownership goes first) and only the owner deletes.
    label: (viewer) => (can("server.delete", viewer) ? "Delete server" : "Leave server"),
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
  const me = useViewer();
  const viewer: Person | undefined = me && personOf(me.id, server);
  const visible: DialogTab<SettingsTab>[] = viewer
    ? tabs
        .filter((spec) => spec.visible(viewer))
        .map((spec) => ({
          id: spec.id,
          label: typeof spec.label === "string" ? spec.label : spec.label(viewer),
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
      description="Server settings"
      tabsLabel="Settings sections"
      idPrefix="settings"
    />
  );
}
