import { appRouter, createCallerFactory } from "@chat/api";

import { errorCode } from "~/lib/server-errors";
import { createRequestContext } from "~/server/context";
import { isCrossSiteMutation } from "~/server/csrf";

export const dynamic = "force-dynamic";

const createCaller = createCallerFactory(appRouter);

/**
 * Log out by a plain form POST, which needs no JavaScript and always ends in a full page load:
 * nothing of the old session (cached data, the live socket) outlives it. Revokes the session,
 * clears the cookie and sends the browser to log in. A GET is refused (405): a link or an image
 * on another page cannot sign anyone out.
 */
export async function POST(req: Request): Promise<Response> {
  if (isCrossSiteMutation(req)) return Response.json({ code: "FORBIDDEN", message: "Cross-site request refused" }, { status: 403 });
  const responseHeaders = new Headers({ location: "/login" });
  const ctx = await createRequestContext({ headers: req.headers, responseHeaders, clientAddress: req.headers.get("x-real-ip") ?? undefined });
  try {
    await createCaller(ctx).auth.logout();
  } catch (error) {
    if (errorCode(error) !== "UNAUTHORIZED") throw error;
  }
  return new Response(null, { status: 303, headers: responseHeaders });
}
