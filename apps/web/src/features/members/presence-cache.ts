"use client";

import type { CustomStatus, PresenceStatus } from "@chat/api";

import { useLiveValue } from "~/lib/live-value";

/** A member as others see them: online, idle, do not disturb or offline, and their custom status. */
export interface Presence {
  status: PresenceStatus;
  custom?: CustomStatus;
}
export type PresenceMap = Readonly<Record<string, Presence>>;

/** Who is online in a server and how, as the presence subscription reports it. */
export const presenceKey = (serverId: string) => ["presence", { serverId }] as const;

const nobody: PresenceMap = {};

export function usePresenceMap(serverId: string): PresenceMap {
  return useLiveValue(presenceKey(serverId), nobody);
}
