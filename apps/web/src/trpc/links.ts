import type { AppRouter } from "@chat/api";
import { socketSettings } from "@chat/policy/socket-settings";
import { limits } from "@chat/validators/limits";
import {
  type TRPCClient,
  type TRPCLink,
  createTRPCClient,
  createWSClient,
  httpBatchStreamLink,
  httpLink,
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
 * socket is what makes a person "online"). Auth calls use plain HTTP because they set a cookie,
 * which a streamed response cannot do once it has started; the rest is batched and streamed.
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
  const http: TRPCLink<AppRouter> = splitLink({
    condition: (op) => op.path.startsWith("auth."),
    true: httpLink({ url: API_PATH, transformer: superjson }),
    // The server refuses larger batches.
    false: httpBatchStreamLink({ url: API_PATH, transformer: superjson, maxItems: limits.batchCalls.max }),
  });
  const links: TRPCLink<AppRouter>[] = ws
    ? [splitLink({ condition: (op) => op.type === "subscription", true: wsLink({ client: ws, transformer: superjson }), false: http })]
    : [http];
  return { client: createTRPCClient<AppRouter>({ links }), ws };
}
