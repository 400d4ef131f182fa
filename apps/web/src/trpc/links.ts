import type { AppRouter } from "@chat/api";
import { socketSettings } from "@chat/policy/socket-settings";
import { limits } from "@chat/validators/limits";
import {
  type TRPCClient,
  type TRPCLink,
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  splitLink,
  wsLink,
} from "@trpc/client";
import superjson from "superjson";

import { socketClosePolicy } from "./socket-closes";

export type WsClient = ReturnType<typeof createWSClient>;

const API_PATH = "/api/trpc";
const WS_PATH = "/api/ws";

function socketUrl(): string {
  const protocol = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${protocol}//${window.location.host}${WS_PATH}`;
}

/**
 * The browser's tRPC client. With `live`, subscriptions ride one WebSocket on the same origin,
 * authenticated by the session cookie on the upgrade and open for as long as the app is (an open
 * socket is what makes a person "online"). Queries and mutations are batched over HTTP, not
 * streamed: a streamed batch could not set the session cookie, and its link weighs 1.4 kB gzip more
 * in the first load (README, "Speed of the client"). The price: calls batched together finish together.
 * `onSessionEnded` runs when the server closes the socket because the session was revoked or expired.
 */
export function createBrowserClient(
  live: boolean,
  onSessionEnded: () => void,
): { client: TRPCClient<AppRouter>; ws: WsClient | null } {
  const ws =
    live && typeof window !== "undefined"
      ? createWSClient({
          url: socketUrl,
          ...socketClosePolicy(onSessionEnded),
          // Open for as long as the app is: the socket is what makes a person online.
          keepAlive: socketSettings.keepAlive,
        })
      : null;
  // The server refuses larger batches.
  const http = httpBatchLink<AppRouter>({ url: API_PATH, transformer: superjson, maxItems: limits.batchCalls.max });
  const links: TRPCLink<AppRouter>[] = ws
    ? [splitLink({ condition: (op) => op.type === "subscription", true: wsLink({ client: ws, transformer: superjson }), false: http })]
    : [http];
  return { client: createTRPCClient<AppRouter>({ links }), ws };
}
