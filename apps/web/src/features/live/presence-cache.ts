"use client";

import { useLiveValue } from "./live-value";

export type Status = "online" | "offline";
export type PresenceMap = Readonly<Record<string, Status>>;

/** Who is online in a server, as the presence subscription reports it. */
export const presenceKey = (serverId: string) => ["presence", { serverId }] as const;

const nobody: PresenceMap = {};

export function usePresenceMap(serverId: string): PresenceMap {
  return useLiveValue(presenceKey(serverId), nobody);
}
