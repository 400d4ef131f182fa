"use client";

import { useCallback, useSyncExternalStore } from "react";

import { inviteLink } from "../invite";

/** The origin never changes while the page lives: nothing to subscribe to. */
const unchanging = () => () => undefined;

/**
 * Turns an invite code into a link on this site. The server's render has no origin and hydration
 * keeps its answer; a dialog mounted later has the origin from its first render.
 */
export function useInviteLink(): (code: string) => string {
  const origin = useSyncExternalStore(unchanging, () => window.location.origin, () => "");
  return useCallback((code: string) => inviteLink(code, origin), [origin]);
}
