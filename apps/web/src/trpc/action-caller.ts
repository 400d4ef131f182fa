import "server-only";

import { appRouter, createCallerFactory } from "@chat/api";
import { cookies, headers } from "next/headers";
import { NextResponse } from "next/server";

import { createRequestContext } from "~/server/context";

const createCaller = createCallerFactory(appRouter);
type Caller = ReturnType<typeof createCaller>;

/**
 * Calls the router from a Server Action as the request's own caller: its session cookie, its
 * address (rate limits) and user agent, exactly as /api/trpc would. The cookies a procedure sets
 * (the session, or its removal) go on the action's response.
 */
export async function callAsRequest<T>(call: (caller: Caller) => Promise<T>): Promise<T> {
  const requestHeaders = new Headers(await headers());
  const responseHeaders = new Headers();
  const ctx = await createRequestContext({
    headers: requestHeaders,
    responseHeaders,
    clientAddress: requestHeaders.get("x-real-ip") ?? undefined,
  });
  try {
    return await call(createCaller(ctx));
  } finally {
    const jar = await cookies();
    // Parsed back from Set-Cookie so that the API stays the one place that decides the attributes.
    for (const cookie of new NextResponse(null, { headers: responseHeaders }).cookies.getAll()) jar.set(cookie);
  }
}
