import "server-only";

import { type AppRouter, appRouter, createCallerFactory, createContext } from "@chat/api";
import { getServices } from "@chat/server-kit/services";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { type ReactNode, cache } from "react";

import { errorCode } from "~/lib/server-errors";

import { makeQueryClient } from "./query-client";

/** The request's context, built once per server render from its headers (the session cookie). */
const createRscContext = cache(async () => {
  const requestHeaders = new Headers(await headers());
  return createContext({
    ...(await getServices()),
    headers: requestHeaders,
    clientAddress: requestHeaders.get("x-real-ip") ?? undefined,
  });
});

export const getQueryClient = cache(makeQueryClient);

/** Query options for server components: prefetch into this render's cache, then hydrate the client. */
export const trpc = createTRPCOptionsProxy<AppRouter>({ router: appRouter, ctx: createRscContext, queryClient: getQueryClient });

const getCaller = cache(async () => createCallerFactory(appRouter)(await createRscContext()));

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

/** The signed-in user, or null; the API decides whether the session is valid. */
export const getViewer = cache(async () => {
  try {
    return await (await getCaller()).auth.me();
  } catch (error) {
    if (errorCode(error) === "UNAUTHORIZED") return null;
    throw error;
  }
});

/** The signed-in user; anyone else goes to log in and comes back to the page they asked for. */
export async function requireViewer() {
  const viewer = await getViewer();
  if (viewer) return viewer;
  const path = (await headers()).get("x-pathname") ?? "/channels";
  redirect(`/login?next=${encodeURIComponent(path)}`);
}

/** Calls a procedure directly, for server components that need a value rather than a cache entry. */
export async function serverCall<T>(call: (caller: Awaited<ReturnType<typeof getCaller>>) => Promise<T>): Promise<T> {
  return call(await getCaller());
}
