import {
  type TRPCClient,
  type TRPCWebSocketClient,
  createTRPCClient,
  createWSClient,
  httpBatchStreamLink,
  splitLink,
  wsLink,
} from "@trpc/client";
import { socketSettings } from "@chat/policy/socket-settings";
import superjson from "superjson";

import type { AppRouter } from "./root";

export interface ChatClientOptions {
  /** The HTTP endpoint, e.g. `http://localhost:3000/api/trpc`. */
  httpUrl: string;
  /** The WebSocket endpoint, e.g. `ws://localhost:3000/api/ws` or a realtime server's `ws://host:3001`. */
  wsUrl: string;
  /** The session token, for clients without the session cookie (scripts, tests, other origins); read at each (re)connect. */
  token?: () => string | null | undefined;
  /** A WebSocket class where the runtime has none (Node 20: `import { WebSocket } from "ws"`). */
  WebSocket?: typeof globalThis.WebSocket;
  /** Extra HTTP headers (e.g. a test's `x-real-ip`). */
  headers?: () => Record<string, string>;
}

export interface ChatClient {
  api: TRPCClient<AppRouter>;
  ws: TRPCWebSocketClient;
  close(): Promise<void>;
}

/**
 * The typed client: subscriptions over one WebSocket, everything else over batched, streamed
 * HTTP. The socket opens on the first subscription and closes when none is left (lazy); pings
 * detect a dead connection; on reconnect every subscription resumes from its last event id.
 */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const token = () => options.token?.() ?? null;
  const ws = createWSClient({
    url: options.wsUrl,
    WebSocket: options.WebSocket,
    ...socketSettings,
    connectionParams: () => {
      const current = token();
      return current ? { token: current } : {};
    },
  });
  const api = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: wsLink({ client: ws, transformer: superjson }),
        false: httpBatchStreamLink({
          url: options.httpUrl,
          transformer: superjson,
          headers: () => {
            const current = token();
            return { ...options.headers?.(), ...(current ? { authorization: `Bearer ${current}` } : {}) };
          },
        }),
      }),
    ],
  });
  return { api, ws, close: () => ws.close() };
}
