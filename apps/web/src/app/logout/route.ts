import { appRouter, createCallerFactory } from "@chat/api";

import { errorCode } from "~/lib/server-errors";
import { createRequestContext } from "~/server/context";

export const dynamic = "force-dynamic";

const createCaller = createCallerFactory(appRouter);

/**
 * Log out by a plain form POST, which needs no JavaScript and always ends in a full page load:
 * nothing of the old session (cached data, the live socket) outlives it. Revokes the session,
 * clears the cookie and sends the browser to log in. A GET is refused (405), and server.ts
 * refuses a POST from another site's page (403): no other page can sign anyone out.
 */
export async function POST(req: Request): Promise<Response> {
  const responseHeaders = new Headers({ location: "/login" });
  const ctx = await createRequestContext({ headers: req.headers, responseHeaders, clientAddress: req.headers.get("x-real-ip") ?? undefined });
  try {
    await createCaller(ctx).auth.logout();
  } catch (error) {
    if (errorCode(error) !== "UNAUTHORIZED") throw error;
  }
  return new Response(null, { status: 303, headers: responseHeaders });
}
