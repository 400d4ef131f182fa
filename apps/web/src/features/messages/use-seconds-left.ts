"use client";

import { useEffect, useState } from "react";

/** Whole seconds until `end` (0 once passed, or without one), ticking every second only while some are left. */
export function useSecondsLeft(end: Date | null | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!end) return;
    const tick = () => {
      setNow(Date.now());
      if (Date.now() >= end.getTime()) clearInterval(timer);
    };
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [end]);
  return end ? Math.max(0, Math.ceil((end.getTime() - now) / 1000)) : 0;
}
