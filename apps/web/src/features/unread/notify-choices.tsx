"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type ReactNode, createContext, useContext, useEffect, useId, useRef } from "react";

import { useTRPC } from "~/trpc/react";

import { type ChannelNotifyLevel, setMuted } from "./unread-cache";
import { useReadCache } from "./use-read-cache";

/**
 * What a bell (notify-settings.tsx) opens: for a server, muting it for the viewer (no toasts, notifications or unread
 * marks; mentions still count) and which of its messages notify them (a toast, a browser or push notification); for a
 * channel, the same levels over the server's choice, or following it. Each applies when chosen.
 */
export function NotifyChoices({ label, serverId, channelId }: { label: string; serverId: string; channelId?: string }) {
  const root = useRef<HTMLFieldSetElement>(null);
  // Opened, the menu takes the focus on the level now chosen, as a radio group does.
  useEffect(() => root.current?.querySelector<HTMLInputElement>("input[type=radio]:checked")?.focus(), []);
  return (
    <fieldset ref={root} aria-label={label} className="absolute top-9 right-0 z-40 flex w-60 flex-col rounded-lg border border-line bg-panel p-1.5 shadow-xl">
      {channelId ? <ChannelChoices serverId={serverId} channelId={channelId} /> : <ServerChoices serverId={serverId} />}
    </fieldset>
  );
}

function ServerChoices({ serverId }: { serverId: string }) {
  const t = useTranslations("unread");
  const trpc = useTRPC();
  const cache = useReadCache();
  const server = useQuery(trpc.server.list.queryOptions()).data?.find((candidate) => candidate.id === serverId);
  const muted = server?.muted ?? false;
  const onError = () => cache.refetch(serverId);
  const mute = useMutation(
    trpc.server.setMuted.mutationOptions({ onMutate: (input) => cache.servers((servers) => setMuted(servers, serverId, input.muted)), onError }),
  );
  const notify = useMutation(trpc.server.setNotify.mutationOptions({ onMutate: (input) => cache.serverNotify(serverId, input.level), onError }));
  return (
    <Levels level={server?.notify ?? "mentions"} onChoose={(chosen) => chosen !== "default" && notify.mutate({ serverId, level: chosen })}>
      <label className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm text-text hover:bg-hover pointer-coarse:min-h-11">
        <input type="checkbox" checked={muted} onChange={() => mute.mutate({ serverId, muted: !muted })} className="accent-brand" />
        {t("muteServer")}
      </label>
      <hr className="mx-2 my-1 border-line" />
      <LevelChoices />
    </Levels>
  );
}

function ChannelChoices({ serverId, channelId }: { serverId: string; channelId: string }) {
  const t = useTranslations("unread.levels");
  const trpc = useTRPC();
  const cache = useReadCache();
  const level = useQuery(trpc.channel.list.queryOptions({ serverId })).data?.find((channel) => channel.id === channelId)?.notify ?? "default";
  const serverLevel = useQuery(trpc.server.list.queryOptions()).data?.find((server) => server.id === serverId)?.notify ?? "mentions";
  const { mutate } = useMutation(
    trpc.channel.setNotify.mutationOptions({
      onMutate: (input) => cache.channelNotify(serverId, channelId, input.level),
      onError: () => cache.refetch(serverId),
    }),
  );
  return (
    <Levels level={level} onChoose={(chosen) => mutate({ channelId, level: chosen })}>
      <Choice value="default">
        {t("useDefault")}
        <span className="block text-xs text-muted">{t(serverLevel)}</span>
      </Choice>
      <LevelChoices />
    </Levels>
  );
}

function LevelChoices() {
  const t = useTranslations("unread.levels");
  return (
    <>
      <Choice value="all">{t("all")}</Choice>
      <Choice value="mentions">{t("mentions")}</Choice>
      <Choice value="nothing">{t("nothing")}</Choice>
    </>
  );
}

const MenuState = createContext<{ name: string; level: ChannelNotifyLevel; choose: (level: ChannelNotifyLevel) => void } | null>(null);

/** The radio group's name, the level now chosen, and what choosing one does, for the Choices in `children`. */
function Levels({ level, onChoose, children }: { level: ChannelNotifyLevel; onChoose: (level: ChannelNotifyLevel) => void; children: ReactNode }) {
  const name = useId();
  return <MenuState.Provider value={{ name, level, choose: onChoose }}>{children}</MenuState.Provider>;
}

function Choice({ value, children }: { value: ChannelNotifyLevel; children: ReactNode }) {
  const menu = useContext(MenuState)!;
  return (
    <label className="flex cursor-pointer items-start gap-2 rounded-md px-2 py-1.5 text-sm text-text hover:bg-hover pointer-coarse:min-h-11">
      <input
        type="radio"
        name={menu.name}
        value={value}
        checked={menu.level === value}
        onChange={() => menu.choose(value)}
        className="mt-0.5 accent-brand"
      />
      <span>{children}</span>
    </label>
  );
}
