"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useParams, useRouter } from "next/navigation";
import { useEffect } from "react";

import { useTRPC } from "~/trpc/react";

import { conversationHref } from "../conversations/conversation-cache";
import { useShell } from "../shell/shell-state";
import { neighbour } from "./targets";

/**
 * The app's keyboard shortcuts, as Discord has them: Ctrl/⌘+K opens the quick switcher; Alt+↑/↓ goes to the channel
 * (or, at Home, the conversation) above or below the open one. A control that used the keys itself (a channel row
 * reordered with Alt+↑/↓) has prevented them.
 */
export function useShortcuts() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { openDialog } = useShell();
  const { serverId, channelId } = useParams<{ serverId?: string; channelId?: string }>();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
        event.preventDefault();
        openDialog("quickSwitcher");
        return;
      }
      if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
      const step = event.key === "ArrowUp" ? -1 : 1;
      // The sidebar's list as it is cached: a server's channels, or Home's conversations (the rail keeps those loaded).
      const list = serverId ? queryClient.getQueryData(trpc.channel.list.queryKey({ serverId })) : queryClient.getQueryData(trpc.dm.list.queryKey());
      const ids = list?.map((item) => item.id) ?? [];
      const next = neighbour(ids, channelId, step) ?? (channelId ? undefined : ids[0]);
      if (!next) return;
      event.preventDefault();
      router.push(serverId ? `/channels/${serverId}/${next}` : conversationHref(next));
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [openDialog, serverId, channelId, queryClient, router, trpc]);
}
