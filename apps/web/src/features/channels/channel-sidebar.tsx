"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { FolderPlus } from "~/components/icons";
import { IconButton } from "~/components/ui/button";
import { ErrorText } from "~/components/ui/notice";
import { Skeleton } from "~/components/ui/skeleton";
import { useDescribeError } from "~/lib/use-describe-error";
import { can } from "~/lib/can";
import { cn } from "~/lib/cn";
import { useTRPC } from "~/trpc/react";

import { ServerHeader } from "../servers/server-header";
import { useNavColumnClass } from "../shell/app-frame";
import { useMembership } from "../shell/use-viewer";
import { UserPanel } from "../shell/user-panel";
import { CategoryHeader } from "./category-header";
import type { Channel } from "./channel-dialog";
import { ChannelRow } from "./channel-row";
import { useSidebarDrag } from "./sidebar-drag";
import { type Category, groupChannels, stepPlace } from "./sidebar-layout";
import { useCollapsed } from "./use-collapsed";
import { useLayoutMoves } from "./use-layout-moves";

// Loaded when first opened: editing a channel (its permissions) or a category is no part of opening one.
const ChannelDialog = dynamic(() => import("./channel-dialog").then((module) => module.ChannelDialog), { ssr: false });
const CategoryDialog = dynamic(() => import("./category-dialog").then((module) => module.CategoryDialog), { ssr: false });

type Editing = { channel: Channel | "new"; categoryId?: string | null } | { category: Category | "new" } | null;

/**
 * The second column: the server's name and menu, its channels (the uncategorised first, then
 * each category, collapsible), and the signed-in user. Those with MANAGE_CHANNELS reorder
 * channels and categories by drag and drop or Alt+arrows.
 */
export function ChannelSidebar({ serverId }: { serverId: string }) {
  const t = useTranslations("channels.sidebar");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const channels = useQuery(trpc.channel.list.queryOptions({ serverId }));
  const categories = useQuery(trpc.category.list.queryOptions({ serverId }));
  const muted = useQuery(trpc.server.list.queryOptions()).data?.find((server) => server.id === serverId)?.muted ?? false;
  const membership = useMembership(serverId);
  const { channelId } = useParams<{ channelId?: string }>();
  const [editing, setEditing] = useState<Editing>(null);
  const [collapsed, toggle] = useCollapsed(serverId);
  const moves = useLayoutMoves(serverId);
  const drag = useSidebarDrag(moves);
  const canCreate = can("channel.create", membership);
  // Channel settings: its Overview takes MANAGE_CHANNELS, its Permissions MANAGE_ROLES.
  const canEdit = can("channel.update", membership) || can("overwrite.manage", membership);
  const canArrange = can("channel.move", membership);
  const canManageCategories = can("category.manage", membership);
  const columnClass = useNavColumnClass("left-[72px]");
  const groups = channels.data ? groupChannels(channels.data, categories.data ?? []) : [];
  const lastCategory = (categories.data?.length ?? 0) - 1;

  return (
    <aside aria-label={t("label")} className={cn("w-60 shrink-0 flex-col bg-panel", columnClass)}>
      <ServerHeader serverId={serverId} />
      <nav aria-label={t("nav")} className="scrollbar-thin flex-1 overflow-y-auto px-2 py-3">
        {channels.isPending && (
          <ul className="flex flex-col gap-0.5">
            {Array.from({ length: 4 }, (_, index) => (
              <li key={index} className="px-2 py-1.5">
                <Skeleton className="h-5 w-32" />
              </li>
            ))}
          </ul>
        )}
        <ErrorText>{moves.error && describeError(moves.error)}</ErrorText>
        {groups.map(({ category, channels: inGroup }) => {
          const folded = category !== null && collapsed.has(category.id);
          // A folded category still shows the open channel, as Discord does.
          const shown = folded ? inGroup.filter((channel) => channel.id === channelId) : inGroup;
          const categoryStep = (step: -1 | 1) => {
            const position = category!.position + step;
            if (position >= 0 && position <= lastCategory) moves.moveCategory({ categoryId: category!.id, position });
          };
          return (
            <section key={category?.id ?? "uncategorised"} aria-label={category?.name ?? t("uncategorised")} className={cn(category && "mt-4")}>
              <CategoryHeader
                category={category}
                collapsed={folded}
                onToggle={() => category && toggle(category.id)}
                onCreateChannel={canCreate ? () => setEditing({ channel: "new", categoryId: category?.id ?? null }) : undefined}
                onEdit={category && canManageCategories ? () => setEditing({ category }) : undefined}
                arrange={canArrange ? { drag, step: categoryStep } : undefined}
              >
                {!category && canManageCategories && (
                  <IconButton label={t("createCategory")} className="size-6" onClick={() => setEditing({ category: "new" })}>
                    <FolderPlus className="size-4" aria-hidden />
                  </IconButton>
                )}
              </CategoryHeader>
              <ul className="mt-1 flex flex-col gap-0.5">
                {shown.map((channel) => (
                  <ChannelRow
                    key={channel.id}
                    serverId={serverId}
                    channel={channel}
                    active={channel.id === channelId}
                    muted={muted}
                    onEdit={canEdit ? () => setEditing({ channel }) : undefined}
                    arrange={
                      canArrange
                        ? {
                            drag,
                            step: (step) => {
                              const place = stepPlace(groups, channel.id, step);
                              if (place) moves.moveChannel({ channelId: channel.id, ...place });
                            },
                          }
                        : undefined
                    }
                  />
                ))}
              </ul>
            </section>
          );
        })}
        {channels.data?.length === 0 && (
          <p className="px-2 py-3 text-sm text-muted">{canCreate ? t("emptyCreate") : t("empty")}</p>
        )}
      </nav>
      <UserPanel />
      {editing && "channel" in editing && (
        <ChannelDialog serverId={serverId} channel={editing.channel} categoryId={editing.categoryId} onClose={() => setEditing(null)} />
      )}
      {editing && "category" in editing && <CategoryDialog serverId={serverId} category={editing.category} onClose={() => setEditing(null)} />}
    </aside>
  );
}
