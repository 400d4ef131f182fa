"use client";

import { useQueries, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { type KeyboardEvent, useId, useMemo, useState } from "react";

import { Hash, MessageCircle, Server } from "~/components/icons";
import { Dialog } from "~/components/ui/dialog";
import { cn } from "~/lib/cn";
import { useTRPC } from "~/trpc/react";

import { useConversations } from "../conversations/use-conversations";
import { useShell } from "../shell/shell-state";
import { useViewer } from "../shell/use-viewer";
import { type Target, rankTargets, switcherTargets } from "./targets";

const icons = { server: Server, channel: Hash, conversation: MessageCircle };

/** Stable, so that the combined list changes only when a query's data does. */
const dataOf = <T,>(results: Array<{ data: T }>) => results.map((result) => result.data);

/**
 * Ctrl/⌘+K (use-shortcuts.ts): a box that finds a server, a channel in any of them, or a DM or group by name, and
 * goes there. Mounted while open.
 */
export function QuickSwitcher() {
  const t = useTranslations("navigation.switcher");
  const { openDialog } = useShell();
  return (
    <Dialog open onClose={() => openDialog(null)} title={t("title")} description={t("description")}>
      <SwitcherSearch onGo={() => openDialog(null)} />
    </Dialog>
  );
}

function SwitcherSearch({ onGo }: { onGo: () => void }) {
  const t = useTranslations("navigation.switcher");
  const trpc = useTRPC();
  const router = useRouter();
  const viewerId = useViewer()?.id;
  const titles = useTranslations("conversations");
  const servers = useQuery(trpc.server.list.queryOptions()).data;
  const conversations = useConversations().data;
  // Every server's channels, while the switcher is open (most are in the cache already).
  const channelData = useQueries({
    queries: (servers ?? []).map((server) => trpc.channel.list.queryOptions({ serverId: server.id })),
    combine: dataOf,
  });
  const targets = useMemo(() => {
    const channels = new Map((servers ?? []).flatMap((server, index) => (channelData[index] ? [[server.id, channelData[index]] as const] : [])));
    return switcherTargets({ servers: servers ?? [], channels, conversations: conversations ?? [], viewerId, titles });
  }, [servers, channelData, conversations, viewerId, titles]);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const results = useMemo(() => rankTargets(targets, query), [targets, query]);
  const listId = useId();
  const optionId = (index: number) => `${listId}-${index}`;
  const chosen = Math.min(active, results.length - 1);

  const go = (target: Target | undefined) => {
    if (!target) return;
    onGo();
    router.push(target.href);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const step = event.key === "ArrowDown" ? 1 : event.key === "ArrowUp" ? -1 : 0;
    if (step) {
      event.preventDefault();
      setActive((chosen + step + results.length) % Math.max(results.length, 1));
    } else if (event.key === "Enter") {
      event.preventDefault();
      go(results[chosen]);
    }
  };

  return (
    <div className="flex flex-col gap-3">
      <input
        autoFocus
        role="combobox"
        aria-label={t("title")}
        aria-expanded={results.length > 0}
        aria-controls={results.length > 0 ? listId : undefined}
        aria-activedescendant={results.length > 0 ? optionId(chosen) : undefined}
        aria-autocomplete="list"
        value={query}
        maxLength={100}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        placeholder={t("title")}
        className="rounded-md bg-field px-3 py-2.5 text-base text-strong outline-none placeholder:text-faint focus-visible:ring-2 focus-visible:ring-brand/60"
      />
      <p className="text-xs font-semibold tracking-wide text-muted uppercase">{query.trim() ? t("results") : t("unread")}</p>
      {results.length === 0 && <p className="text-sm text-muted">{query.trim() ? t("noMatch") : t("nothingUnread")}</p>}
      {results.length > 0 && (
        <ul id={listId} role="listbox" aria-label={t("places")} className="scrollbar-thin -mx-2 flex max-h-80 flex-col overflow-y-auto">
          {results.map((target, index) => {
            const Icon = icons[target.kind];
            return (
              <li
                key={target.key}
                id={optionId(index)}
                role="option"
                aria-selected={index === chosen}
                onMouseMove={() => setActive(index)}
                onClick={() => go(target)}
                className={cn("flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-muted", index === chosen && "bg-active text-strong")}
              >
                <Icon className="size-4 shrink-0 text-faint" aria-hidden />
                <span className={cn("min-w-0 truncate", target.unread && "font-semibold text-strong")}>{target.name}</span>
                {target.detail && <span className="ml-auto shrink-0 text-xs text-faint uppercase">{target.detail}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
