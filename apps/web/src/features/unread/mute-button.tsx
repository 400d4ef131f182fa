"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { Bell, BellOff } from "lucide-react";
import { useTranslations } from "next-intl";

import { IconButton } from "~/components/ui/button";
import { useTRPC } from "~/trpc/react";

import { setMuted } from "./unread-cache";
import { useReadCache } from "./use-read-cache";

/** Mutes or unmutes the server for the viewer: no toasts, notifications or unread marks while muted. */
export function MuteButton({ serverId }: { serverId: string }) {
  const t = useTranslations("unread");
  const trpc = useTRPC();
  const cache = useReadCache();
  const muted = useQuery(trpc.server.list.queryOptions()).data?.find((server) => server.id === serverId)?.muted ?? false;
  const { mutate, isPending } = useMutation(
    trpc.server.setMuted.mutationOptions({
      onMutate: (input) => cache.servers((servers) => setMuted(servers, serverId, input.muted)),
      onError: () => cache.refetch(serverId),
    }),
  );
  return (
    <IconButton
      label={muted ? t("unmuteServer") : t("muteServer")}
      aria-pressed={muted}
      disabled={isPending}
      onClick={() => mutate({ serverId, muted: !muted })}
    >
      {muted ? <BellOff className="size-[18px]" aria-hidden /> : <Bell className="size-[18px]" aria-hidden />}
    </IconButton>
  );
}
