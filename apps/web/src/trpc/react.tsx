"use client";

import type { AppRouter } from "@chat/api";
import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, createContext, useContext, useState } from "react";

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

/** A session that ends while the app is open (logout elsewhere, expiry) sends the person to log in again. */
function onQueryError(error: unknown) {
  if (!isUnauthorized(error) || typeof window === "undefined") return;
  const next = window.location.pathname + window.location.search;
  window.location.assign(`/login?next=${encodeURIComponent(next)}`);
}

function getQueryClient(): QueryClient {
  // Each server render gets its own cache; the browser keeps one for the life of the page.
  if (typeof window === "undefined") return makeQueryClient();
  browserQueryClient ??= makeQueryClient(onQueryError);
  return browserQueryClient;
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [{ client, ws }] = useState(createBrowserClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <SocketContext.Provider value={ws}>{children}</SocketContext.Provider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
