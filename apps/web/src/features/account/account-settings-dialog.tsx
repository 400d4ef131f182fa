"use client";

import type { ReactNode } from "react";

import { Dialog } from "~/components/ui/dialog";
import { cn } from "~/lib/cn";

import { SecurityTab } from "./security-tab";
import { SessionsTab } from "./sessions-tab";
import { StatusTab } from "./status-tab";

export type AccountTab = "status" | "sessions" | "security";

const tabs: { id: AccountTab; label: string; render: () => ReactNode }[] = [
  { id: "status", label: "Status", render: () => <StatusTab /> },
  { id: "sessions", label: "Sessions", render: () => <SessionsTab /> },
  { id: "security", label: "Password and 2FA", render: () => <SecurityTab /> },
];

/** The signed-in user's own settings: status, where they are signed in, password and two-factor. */
export function AccountSettingsDialog({ tab, onTab, onClose }: { tab: AccountTab | null; onTab: (tab: AccountTab) => void; onClose: () => void }) {
  const current = tabs.find((spec) => spec.id === tab) ?? tabs[0]!;
  return (
    <Dialog open={tab !== null} onClose={onClose} title="Your account" description="Settings" size="lg">
      <div className="flex flex-col gap-4 sm:flex-row">
        <div role="tablist" aria-orientation="vertical" aria-label="Account sections" className="flex gap-1 sm:w-40 sm:flex-col">
          {tabs.map((spec) => (
            <button
              key={spec.id}
              type="button"
              role="tab"
              id={`account-tab-${spec.id}`}
              aria-selected={spec.id === current.id}
              aria-controls="account-panel"
              onClick={() => onTab(spec.id)}
              className={cn(
                "rounded-md px-2.5 py-1.5 text-left text-sm font-medium whitespace-nowrap",
                spec.id === current.id ? "bg-active text-strong" : "text-muted hover:bg-hover hover:text-text",
              )}
            >
              {spec.label}
            </button>
          ))}
        </div>
        <div id="account-panel" role="tabpanel" aria-labelledby={`account-tab-${current.id}`} className="min-h-64 min-w-0 flex-1">
          {current.render()}
        </div>
      </div>
    </Dialog>
  );
}
