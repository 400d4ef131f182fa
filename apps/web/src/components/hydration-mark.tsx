"use client";

import { useEffect, useSyncExternalStore } from "react";

/**
 * Marks the page interactive (`<html data-hydrated>`) once React has hydrated it: until then a
 * click on server-rendered HTML does nothing. Browser tests wait for it after each page load.
 */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}

const never = () => () => undefined;

/**
 * False while this part of the page is server-rendered HTML, true once React has hydrated it. A
 * part behind a loading boundary (`loading.tsx`) hydrates after the root, so it says so itself
 * with `data-hydrating` until then, and browser tests wait for that to go too.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
