"use client";

import { useEffect } from "react";

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
