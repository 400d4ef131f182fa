"use client";

import { useCallback, useEffect, useState } from "react";

import { inviteLink } from "../invite";

/**
 * Turns an invite code into a link on this site. The origin is read after mounting, so the
 * server's render and the first client render agree.
 */
export function useInviteLink(): (code: string) => string {
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  return useCallback((code: string) => inviteLink(code, origin), [origin]);
}
