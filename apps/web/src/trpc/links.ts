import type { AppRouter } from "@chat/api";
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

export type WsClient = ReturnType<typeof createWSClient>;

const API_PATH = "/api/trpc";
const WS_PATH = "/api/ws";

function socketUrl(): string {
  const protocol = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${protocol}//${window.location.host}${WS_PATH}`;
}

/**
 * The browser's tRPC client. Subscriptions ride one WebSocket on the same origin (the session
 * cookie authenticates the upgrade); auth calls use plain HTTP because they set a cookie, which a
 * streamed response cannot do once it has started; everything else is batched and streamed.
 */
export function createBrowserClient(): { client: TRPCClient<AppRouter>; ws: WsClient | null } {
  const ws =
    typeof window === "undefined"
      ? null
      : createWSClient({ url: socketUrl, lazy: { enabled: true, closeMs: 30_000 }, keepAlive: { enabled: true } });
  const http: TRPCLink<AppRouter> = splitLink({
    condition: (op) => op.path.startsWith("auth."),
    true: httpLink({ url: API_PATH, transformer: superjson }),
    false: httpBatchStreamLink({ url: API_PATH, transformer: superjson }),
  });
  const links: TRPCLink<AppRouter>[] = ws
    ? [splitLink({ condition: (op) => op.type === "subscription", true: wsLink({ client: ws, transformer: superjson }), false: http })]
    : [http];
  return { client: createTRPCClient<AppRouter>({ links }), ws };
}
