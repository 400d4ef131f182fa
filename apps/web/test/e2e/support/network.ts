import type { BrowserContext, WebSocketRoute } from "playwright-core";

/**
 * Lets a test cut a context's network as a real failure would: the open live socket drops, and
 * reconnects fail (the context is offline) until `restore`. The socket is routed through
 * Playwright only so that the open one can be closed; Chromium's offline mode refuses new ones.
 */
export async function cuttableSocket(context: BrowserContext) {
  const open = new Set<WebSocketRoute>();
  await context.routeWebSocket(/\/api\/ws$/, (page) => {
    const server = page.connectToServer();
    open.add(page);
    page.onClose(() => {
      open.delete(page);
      void server.close();
    });
    server.onClose(() => {
      open.delete(page);
      void page.close();
    });
  });
  return {
    async cut() {
      await context.setOffline(true);
      await Promise.all([...open].map((page) => page.close({ code: 4000, reason: "network down" })));
    },
    restore: () => context.setOffline(false),
  };
}
