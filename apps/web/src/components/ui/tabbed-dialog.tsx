"use client";

import type { ReactNode } from "react";

import { cn } from "~/lib/cn";

import { Dialog } from "./dialog";

export interface DialogTab<Id extends string> {
  id: Id;
  label: string;
  /** Called only for the tab on show, so the other tabs' queries do not run. */
  render: () => ReactNode;
  /** Drawn in red: the tab holds an action that cannot be undone. */
  danger?: boolean;
}

interface TabbedDialogProps<Id extends string> {
  /** The tab on show; `null` closes the dialog, an id not among `tabs` shows the first tab. */
  tab: Id | null;
  onTab: (tab: Id) => void;
  onClose: () => void;
  tabs: DialogTab<Id>[];
  title: string;
  description: string;
  /** The accessible name of the tab list. */
  tabsLabel: string;
  /** Names the elements: `<idPrefix>-tab-<id>` for each tab and `<idPrefix>-panel` for the panel. */
  idPrefix: string;
}

/** A settings dialog: its sections as vertical tabs beside the panel of the one on show. */
export function TabbedDialog<Id extends string>({ tab, onTab, onClose, tabs, title, description, tabsLabel, idPrefix }: TabbedDialogProps<Id>) {
  const current = tabs.find((spec) => spec.id === tab) ?? tabs[0];
  const panelId = `${idPrefix}-panel`;
  const tabId = (id: Id) => `${idPrefix}-tab-${id}`;
  return (
    <Dialog open={tab !== null} onClose={onClose} title={title} description={description} size="lg">
      <div className="flex flex-col gap-4 sm:flex-row">
        <div role="tablist" aria-orientation="vertical" aria-label={tabsLabel} className="flex gap-1 sm:w-40 sm:flex-col">
          {tabs.map((spec) => (
            <button
              key={spec.id}
              type="button"
              role="tab"
              id={tabId(spec.id)}
              aria-selected={spec.id === current?.id}
              aria-controls={panelId}
              onClick={() => onTab(spec.id)}
              className={cn(
                "rounded-md px-2.5 py-1.5 text-left text-sm font-medium whitespace-nowrap",
                spec.id === current?.id ? "bg-active" : "hover:bg-hover",
                // One text colour per state: `cn` does not merge classes, so two would fight over the stylesheet's order.
                spec.danger ? "text-[#fa777c]" : spec.id === current?.id ? "text-strong" : "text-muted hover:text-text",
              )}
            >
              {spec.label}
            </button>
          ))}
        </div>
        <div id={panelId} role="tabpanel" aria-labelledby={current && tabId(current.id)} className="min-h-64 min-w-0 flex-1">
          {current?.render()}
        </div>
      </div>
    </Dialog>
  );
}
