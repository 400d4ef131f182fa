"use client";

import type { AppRouter } from "@chat/api";
import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, createContext, useContext } from "react";

import { isUnauthorized } from "~/lib/api-error";

import { type WsClient, createBrowserClient } from "./links";
import { makeQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

const SocketContext = createContext<WsClient | null>(null);

/** The live connection, for the status banner; null during server rendering. */
export function useSocket(): WsClient | null {
  return useContext(SocketContext);
}

let browserQueryClient: QueryClient | undefined;
/** One client per kind for the life of the page: remounting a layout must not open another socket. */
const browserClients = new Map<boolean, ReturnType<typeof createBrowserClient>>();

/**
 * A session that ends while the app is open (logout elsewhere, revocation, expiry) sends the person
 * to log in again: a call refused as UNAUTHORIZED, or the live socket closed for it.
 */
function signInAgain() {
  const next = window.location.pathname + window.location.search;
  window.location.assign(`/login?next=${encodeURIComponent(next)}`);
}

function onQueryError(error: unknown) {
  if (isUnauthorized(error) && typeof window !== "undefined") signInAgain();
}

function getQueryClient(): QueryClient {
  // Each server render gets its own cache; the browser keeps one for the life of the page.
  if (typeof window === "undefined") return makeQueryClient();
  browserQueryClient ??= makeQueryClient(onQueryError);
  return browserQueryClient;
}

function getClients(live: boolean) {
  if (typeof window === "undefined") return createBrowserClient(false, signInAgain);
  let clients = browserClients.get(live);
  if (!clients) {
    clients = createBrowserClient(live, signInAgain);
    browserClients.set(live, clients);
  }
  return clients;
}

/** Whose cache and socket the page holds, once a signed-in page has said so. */
let browserViewer: string | undefined;

/**
 * Logging in ends in a soft navigation (a Server Action's redirect), so the page may still hold
 * the cache and socket of whoever used it before: when the signed-in user is someone else,
 * nothing of theirs carries over.
 */
function claimFor(viewerId: string | undefined) {
  if (typeof window === "undefined" || viewerId === undefined || viewerId === browserViewer) return;
  if (browserViewer !== undefined) {
    browserQueryClient?.clear();
    for (const { ws } of browserClients.values()) ws?.close();
    browserClients.clear();
  }
  browserViewer = viewerId;
}

/**
 * `live` opens the WebSocket for subscriptions: the chat pages have it, the sign-in pages do not.
 * `viewerId` names the signed-in user the page's cache and socket are for.
 */
export function TRPCReactProvider({ live = false, viewerId, children }: { live?: boolean; viewerId?: string; children: ReactNode }) {
  claimFor(viewerId);
  const queryClient = getQueryClient();
  const { client, ws } = getClients(live);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <SocketContext.Provider value={ws}>{children}</SocketContext.Provider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
