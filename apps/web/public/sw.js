/**
 * Chat RTC's service worker: an offline shell, the last conversations readable offline, and Web
 * Push notifications. Hand-written and small on purpose: the app itself is always fetched from the
 * network first (a chat shown from a stale cache would mislead), and the caches serve only when
 * the network fails.
 */
const SHELL = "chat-shell-v1";
const HISTORY = "chat-history-v1";
/** The page served for any navigation that fails offline (src/app/offline). */
const SHELL_URL = "/offline";
/** The index of the conversations kept for reading offline, newest first; each has its history beside it. */
const INDEX_URL = "/offline/conversations.json";
const KEEP_CONVERSATIONS = 5;
const HISTORY_PAGE = 50;
const CONVERSATION_PATH = /^\/channels\/(me|\d+)\/(\d+)$/;

self.addEventListener("install", (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== SHELL && name !== HISTORY).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

/** The page tells the worker after each full load: a new build's shell replaces the old one. */
self.addEventListener("message", (event) => {
  if (event.data?.type === "cache-shell") event.waitUntil(cacheShell());
});

/** The offline page and every script, style, font and the icon sprite it loads, as one consistent set. */
async function cacheShell() {
  const response = await fetch(SHELL_URL, { cache: "no-store" });
  if (!response.ok) return;
  const html = await response.clone().text();
  const assets = [...new Set([...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+|\/icons\.svg\?[^"#]+)/g)].map((match) => match[1]))];
  const cache = await caches.open(SHELL);
  const cached = new Set((await cache.keys()).map((request) => relative(request.url)));
  if (assets.length > 0 && assets.every((asset) => cached.has(asset))) {
    await cache.put(SHELL_URL, response);
    return;
  }
  for (const request of await cache.keys()) await cache.delete(request);
  await cache.addAll(assets);
  await cache.put(SHELL_URL, response);
}

/** A same-origin URL as the page names it: path and query. */
function relative(href) {
  const url = new URL(href);
  return url.pathname + url.search;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Signing out forgets what was kept for reading offline.
  if (request.method === "POST" && url.pathname === "/logout") {
    event.waitUntil(caches.delete(HISTORY));
    return;
  }
  if (request.method !== "GET" || url.pathname.startsWith("/api/")) return;
  const conversation = CONVERSATION_PATH.exec(url.pathname);
  const prefetch = request.headers.has("next-router-prefetch") || request.headers.has("next-router-segment-prefetch");
  if (conversation && !prefetch) event.waitUntil(keepHistory(conversation[1], conversation[2]).catch(() => undefined));
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => caches.match(SHELL_URL, { cacheName: SHELL }).then((shell) => shell ?? Response.error())));
  } else if (url.pathname.startsWith("/_next/static/") || url.pathname === "/icons.svg") {
    event.respondWith(fetch(request).catch(() => caches.match(request).then((cached) => cached ?? Response.error())));
  }
});

/** A query of the app's tRPC API over GET, with the session cookie as the app itself sends it; its data, or null. */
async function query(path, input) {
  const response = await fetch(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { credentials: "same-origin" });
  return response.ok ? (await response.json()).result.data.json : null;
}

/** Keeps a conversation's newest messages and moves it to the front of the index. */
async function keepHistory(serverId, channelId) {
  const page = await query("message.list", { channelId, limit: HISTORY_PAGE });
  if (!page) return;
  const channel = serverId === "me" ? null : await query("channel.get", { channelId });
  const history = `/offline/history/${channelId}.json`;
  const cache = await caches.open(HISTORY);
  await cache.put(history, Response.json({ items: page.items }));
  const index = await readIndex(cache);
  const entry = { serverId, channelId, title: channel ? `#${channel.name}` : null, history, savedAt: new Date().toISOString() };
  const kept = [entry, ...index.filter((item) => item.channelId !== channelId)];
  for (const dropped of kept.slice(KEEP_CONVERSATIONS)) await cache.delete(dropped.history);
  await cache.put(INDEX_URL, Response.json(kept.slice(0, KEEP_CONVERSATIONS)));
}

async function readIndex(cache) {
  const response = await cache.match(INDEX_URL);
  return response ? response.json() : [];
}

// Web Push: the payload is JSON {title, body, url, tag} (packages/api, push/deliver.ts).
self.addEventListener("push", (event) => {
  const payload = event.data ? event.data.json() : null;
  if (!payload) return;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      // Someone reading that conversation right now needs no notification of it.
      const reading = windows.some((client) => client.focused && client.visibilityState === "visible" && new URL(client.url).pathname === payload.url);
      if (reading) return;
      await self.registration.showNotification(payload.title, {
        body: payload.body,
        tag: payload.tag,
        icon: "/icons/icon-192.png",
        data: { url: payload.url },
      });
    })(),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url ?? "/channels", self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find((client) => client.url === url) ?? windows[0];
      if (!open) return self.clients.openWindow(url);
      const focused = await open.focus();
      if (focused.url !== url) await focused.navigate(url);
    })(),
  );
});
