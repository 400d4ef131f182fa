"use client";

import { useEffect } from "react";

import { useShell } from "./shell-state";

/** How far a finger travels, mostly sideways and quickly, to count as a swipe. */
const DISTANCE = 60;
const MAX_MS = 800;
/** The breakpoints below which the navigation (md) and the member list (lg) are panels over the conversation. */
const NAV_PANEL = "(max-width: 767px)";
const MEMBERS_PANEL = "(max-width: 1023px)";

/**
 * On a phone, as in Discord's app: a swipe to the right brings in the servers and channels (or
 * puts the member list away), a swipe to the left puts them away (or brings in the member list).
 * Swipes that start in a text field or in something that scrolls sideways (code) are theirs.
 */
export function useSwipePanels(): void {
  const { navOpen, setNavOpen, membersOpen, toggleMembers } = useShell();
  useEffect(() => {
    let start: { x: number; y: number; at: number } | null = null;
    const onStart = (event: TouchEvent) => {
      const touch = event.touches[0];
      const target = event.target instanceof Element ? event.target : null;
      start = event.touches.length === 1 && touch && !target?.closest("input, textarea, pre, [contenteditable]") ? { x: touch.clientX, y: touch.clientY, at: event.timeStamp } : null;
    };
    const onEnd = (event: TouchEvent) => {
      const touch = event.changedTouches[0];
      if (!start || !touch) return;
      const dx = touch.clientX - start.x;
      const dy = touch.clientY - start.y;
      const quick = event.timeStamp - start.at <= MAX_MS;
      start = null;
      if (!quick || Math.abs(dx) < DISTANCE || Math.abs(dx) < 2 * Math.abs(dy)) return;
      const narrow = (query: string) => window.matchMedia(query).matches;
      if (dx > 0) {
        if (membersOpen && narrow(MEMBERS_PANEL)) toggleMembers();
        else if (!navOpen && narrow(NAV_PANEL)) setNavOpen(true);
      } else if (navOpen && narrow(NAV_PANEL)) {
        setNavOpen(false);
      } else if (!membersOpen && narrow(MEMBERS_PANEL)) {
        toggleMembers();
      }
    };
    document.addEventListener("touchstart", onStart, { passive: true });
    document.addEventListener("touchend", onEnd, { passive: true });
    return () => {
      document.removeEventListener("touchstart", onStart);
      document.removeEventListener("touchend", onEnd);
    };
  }, [navOpen, setNavOpen, membersOpen, toggleMembers]);
}
