"use client";

import type { RouterOutputs } from "@chat/api";
import type { ReactNode } from "react";

import { Dialog } from "~/components/ui/dialog";
import { type Person, can } from "~/lib/can";
import { cn } from "~/lib/cn";

import { useViewer } from "../../shell/use-viewer";
import { AuditTab } from "./audit-tab";
import { BansTab } from "./bans-tab";
import { DangerTab } from "./danger-tab";
import { InviteTab } from "./invite-tab";
import { MembersTab } from "./members-tab";
import { OverviewTab } from "./overview-tab";

export type Server = RouterOutputs["server"]["get"];
export type SettingsTab = "overview" | "invite" | "members" | "bans" | "audit" | "danger";

interface TabSpec {
  id: SettingsTab;
  label: string | ((viewer: Person) => string);
  visible: (viewer: Person) => boolean;
  render: (server: Server, viewer: Person) => ReactNode;
}

/** Each tab shows only when the API's permission table allows one of its actions to the viewer. */
const tabs: TabSpec[] = [
  { id: "overview", label: "Overview", visible: (viewer) => can("server.update", viewer), render: (server) => <OverviewTab server={server} /> },
  {
    id: "invite",
    label: "Invite",
    visible: (viewer) => can("invite.manage", viewer) || can("invite.create", viewer),
    render: (server, viewer) => <InviteTab server={server} viewer={viewer} /> },
  {
    id: "members",
    label: "Members",
    visible: (viewer) => can("member.updateRole", viewer) || can("member.transferOwnership", viewer),
    render: (server, viewer) => <MembersTab server={server} viewer={viewer} />,
  },
  { id: "bans", label: "Bans", visible: (viewer) => can("ban.read", viewer), render: (server) => <BansTab server={server} /> },
  { id: "audit", label: "Audit log", visible: (viewer) => can("audit.read", viewer), render: (server) => <AuditTab server={server} /> },
  {
    id: "danger",
    // The owner cannot leave (ownership goes first) and only the owner deletes.
    label: (viewer) => (can("server.delete", viewer) ? "Delete server" : "Leave server"),
    visible: (viewer) => can("server.delete", viewer) || can("server.leave", viewer),
    render: (server, viewer) => <DangerTab server={server} viewer={viewer} />,
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
  const viewer: Person | undefined = me && { userId: me.id, role: server.role };
  const visible = viewer ? tabs.filter((spec) => spec.visible(viewer)) : [];
  const current = visible.find((spec) => spec.id === tab) ?? visible[0];

  return (
    <Dialog open={tab !== null} onClose={onClose} title={server.name} description="Server settings" size="lg">
      <div className="flex flex-col gap-4 sm:flex-row">
        <div role="tablist" aria-orientation="vertical" aria-label="Settings sections" className="flex gap-1 sm:w-40 sm:flex-col">
          {visible.map((spec) => (
            <button
              key={spec.id}
              type="button"
              role="tab"
              id={`settings-tab-${spec.id}`}
              aria-selected={spec.id === current?.id}
              aria-controls="settings-panel"
              onClick={() => onTab(spec.id)}
              className={cn(
                "rounded-md px-2.5 py-1.5 text-left text-sm font-medium whitespace-nowrap",
                spec.id === current?.id ? "bg-active text-strong" : "text-muted hover:bg-hover hover:text-text",
                spec.id === "danger" && "text-[#fa777c]",
              )}
            >
              {typeof spec.label === "string" ? spec.label : viewer && spec.label(viewer)}
            </button>
          ))}
        </div>
        <div id="settings-panel" role="tabpanel" aria-labelledby={current && `settings-tab-${current.id}`} className="min-h-64 min-w-0 flex-1">
          {current && viewer && current.render(server, viewer)}
        </div>
      </div>
    </Dialog>
  );
}
