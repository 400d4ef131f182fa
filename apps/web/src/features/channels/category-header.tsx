"use client";

import { useTranslations } from "next-intl";
import type { KeyboardEvent, ReactNode } from "react";

import { ChevronDown, Plus, Settings } from "~/components/icons";
import { IconButton } from "~/components/ui/button";
import { cn } from "~/lib/cn";

import type { SidebarDrag } from "./sidebar-drag";
import type { Category } from "./sidebar-layout";

interface CategoryHeaderProps {
  /** Null: the heading of the uncategorised channels, which neither collapses nor moves. */
  category: Category | null;
  collapsed: boolean;
  onToggle: () => void;
  onCreateChannel?: () => void;
  onEdit?: () => void;
  /** With MANAGE_CHANNELS: drops, dragging the category, and Alt+↑/↓ on its name. */
  arrange?: { drag: SidebarDrag; step: (step: -1 | 1) => void };
  children?: ReactNode;
}

const headingClass = "flex min-w-0 flex-1 items-center gap-0.5 text-xs font-semibold tracking-wide text-muted uppercase";

/** A group's heading in the sidebar: a category's name (a button that collapses it) and its actions. */
export function CategoryHeader({ category, collapsed, onToggle, onCreateChannel, onEdit, arrange, children }: CategoryHeaderProps) {
  const t = useTranslations("channels.categoryHeader");
  const mark = arrange?.drag.mark?.id === (category?.id ?? "uncategorised") ? arrange.drag.mark : null;
  const onKeyDown = (event: KeyboardEvent) => {
    if (!arrange || !event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    arrange.step(event.key === "ArrowUp" ? -1 : 1);
  };
  return (
    <div
      className={cn("group flex min-h-6 items-center justify-between rounded pr-1 pl-0.5", mark && (mark.after ? "shadow-[0_2px_0_0] shadow-brand" : "shadow-[0_-2px_0_0] shadow-brand"))}
      data-category-id={category?.id ?? "uncategorised"}
      {...(arrange && { ...(category && arrange.drag.dragCategory(category)), ...arrange.drag.groupTarget(category) })}
    >
      {category ? (
        <h2 className="flex min-w-0 flex-1">
          <button
            type="button"
            aria-expanded={!collapsed}
            aria-keyshortcuts={arrange ? "Alt+ArrowUp Alt+ArrowDown" : undefined}
            onClick={onToggle}
            onKeyDown={onKeyDown}
            className={cn(headingClass, "hover:text-text")}
          >
            <ChevronDown className={cn("size-3 shrink-0 transition-transform", collapsed && "-rotate-90")} aria-hidden />
            <span className="truncate">{category.name}</span>
          </button>
        </h2>
      ) : (
        <h2 className={cn(headingClass, "pl-1.5")}>{t("textChannels")}</h2>
      )}
      {onEdit && category && (
        <IconButton label={t("edit", { name: category.name })} className="size-6 opacity-0 group-focus-within:opacity-100 group-hover:opacity-100 focus-visible:opacity-100 pointer-coarse:opacity-100" onClick={onEdit}>
          <Settings className="size-3.5" aria-hidden />
        </IconButton>
      )}
      {onCreateChannel && (
        <IconButton label={category ? t("createIn", { name: category.name }) : t("create")} className="size-6" onClick={onCreateChannel}>
          <Plus className="size-4" aria-hidden />
        </IconButton>
      )}
      {children}
    </div>
  );
}
