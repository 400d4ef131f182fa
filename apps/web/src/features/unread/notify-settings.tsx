"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { type ReactNode, useRef, useState } from "react";

import { BellOff, BellRing } from "~/components/icons";
import { IconButton } from "~/components/ui/button";
import { useDismiss } from "~/lib/use-dismiss";
import { useTRPC } from "~/trpc/react";

// Loaded when first opened: the bell is in the header, its choices only once asked for.
const NotifyChoices = dynamic(() => import("./notify-choices").then((module) => module.NotifyChoices), { ssr: false });

/** The server header's bell (crossed out while the server is muted): muting and notification levels for the server. */
export function ServerNotifySettings({ serverId }: { serverId: string }) {
  const t = useTranslations("unread.levels");
  const trpc = useTRPC();
  const muted = useQuery(trpc.server.list.queryOptions()).data?.find((candidate) => candidate.id === serverId)?.muted ?? false;
  return <NotifyMenu label={t("serverLabel")} serverId={serverId} icon={muted ? <BellOff className="size-[18px]" aria-hidden /> : undefined} />;
}

/** The channel header's bell: the channel's notification level, over the server's choice, or following it. */
export function ChannelNotifySettings({ serverId, channelId }: { serverId: string; channelId: string }) {
  const t = useTranslations("unread.levels");
  return <NotifyMenu label={t("channelLabel")} serverId={serverId} channelId={channelId} />;
}

interface NotifyMenuProps {
  label: string;
  serverId: string;
  /** A channel's levels, rather than the server's. */
  channelId?: string;
  /** The button's icon when not the ringing bell (a muted server's). */
  icon?: ReactNode;
}

/** A bell button and, under it, the choices; Escape or a click elsewhere closes them. */
function NotifyMenu({ label, serverId, channelId, icon }: NotifyMenuProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useDismiss(open, [root], () => setOpen(false));
  return (
    <div ref={root} className="relative">
      <IconButton label={label} aria-expanded={open} onClick={() => setOpen((now) => !now)}>
        {icon ?? <BellRing className="size-[18px]" aria-hidden />}
      </IconButton>
      {open && <NotifyChoices label={label} serverId={serverId} channelId={channelId} />}
    </div>
  );
}
