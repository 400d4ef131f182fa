"use client";

import { useEffect } from "react";

/**
 * Registers the service worker (public/sw.js) once the page has loaded, then asks it to keep the
 * offline page of this build. It fetches from the network first, so it never serves a stale app.
 */
export function ServiceWorker() {
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    void navigator.serviceWorker
      .register("/sw.js", { scope: "/" })
      .then(async () => (await navigator.serviceWorker.ready).active?.postMessage({ type: "cache-shell" }))
      .catch((error: unknown) => console.warn("service worker registration failed", error));
  }, []);
  return null;
}
