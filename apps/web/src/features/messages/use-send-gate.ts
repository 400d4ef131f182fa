"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";

import { can } from "~/lib/can";
import { useTRPC } from "~/trpc/react";

import { useMembership } from "../shell/use-viewer";

/** What holds the viewer's sends back in a channel: a timeout, or slowmode's wait. */
export interface SendGate {
  timedOutUntil: Date | null;
  slowmodeSeconds: number;
  slowmodeEndsAt: Date | null;
  /** Starts slowmode's wait after one of the viewer's own sends (the server holds the same one). */
  sent: () => void;
}

/**
 * The viewer's timeout (from the member list, which `member` events keep current) and slowmode
 * wait (from the channel list, then started locally by each send unless their role is exempt).
 */
export function useSendGate(serverId: string, channel: { id: string; slowmodeSeconds: number; slowmodeEndsAt: Date | null } | undefined): SendGate {
  const trpc = useTRPC();
  const membership = useMembership(serverId);
  const members = useQuery(trpc.member.list.queryOptions({ serverId }));
  const timedOutUntil = members.data?.find((member) => member.userId === membership?.userId)?.timedOutUntil ?? null;
  const [local, setLocal] = useState<{ channelId: string; endsAt: Date } | null>(null);
  const slowmodeSeconds = channel?.slowmodeSeconds ?? 0;
  const exempt = can("message.skipSlowmode", membership);
  const sent = useCallback(() => {
    if (!channel || slowmodeSeconds === 0 || exempt) return;
    setLocal({ channelId: channel.id, endsAt: new Date(Date.now() + slowmodeSeconds * 1000) });
  }, [channel, slowmodeSeconds, exempt]);
  const ends = [channel?.slowmodeEndsAt, local?.channelId === channel?.id ? local?.endsAt : null].filter((end): end is Date => !!end);
  const slowmodeEndsAt = slowmodeSeconds === 0 || exempt || ends.length === 0 ? null : new Date(Math.max(...ends.map((end) => end.getTime())));
  return { timedOutUntil, slowmodeSeconds: exempt ? 0 : slowmodeSeconds, slowmodeEndsAt, sent };
}
