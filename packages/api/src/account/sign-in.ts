import type { User } from "@chat/db";

import type { Context } from "../core/trpc";
import { toSelf } from "./dto";
import { sessionCookie, startSession } from "./session-token";

/** Starts a session for `user`: the token in the answer, and the session cookie for browsers. */
export async function signIn(ctx: Context, user: User) {
  ctx.identifyUser?.(user.id);
  const { token, expiresAt } = await startSession(ctx.db, ctx.authKey, user.id, ctx.headers.get("user-agent"));
  ctx.responseHeaders?.append("set-cookie", sessionCookie(token, expiresAt, ctx.secureCookies));
  return { token, user: toSelf(user) };
}
