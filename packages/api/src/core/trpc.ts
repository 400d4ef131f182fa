/**
 * The tRPC core, in the order a request meets it:
 * 1. context: the database, the realtime bus and state, the caller (from a bearer token or the
 *    session cookie), response headers;
 * 2. initialisation: superjson, an error shape that flattens zod issues and hides internals, and
 *    procedure meta that can expose a procedure on the REST API (rest.ts);
 * 3. procedures: public, authed, and the access builders that load the caller's membership once
 *    and apply the permission table (../permissions.ts) before any handler runs.
 */
import { randomUUID } from "node:crypto";

import type { Database } from "@chat/db";
import { type Realtime, createRealtime } from "@chat/realtime";
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import type { OpenApiMeta } from "trpc-to-openapi";
import { z, ZodError } from "zod";

import { readToken, resolveSession } from "../account/session-token";
import { loadChannelAccess } from "../channels/access";
import { fail, isDatabaseUnavailable } from "../errors";
import { identifyRequestUser } from "../lib/request-scope";
import { findMembership, loadMembership, userExists } from "../members/membership";
import { loadMessageAccess } from "../messages/access";
import { type Action, authorize } from "../permissions";
import { type RateLimiter, enforceRateLimit } from "./rate-limit";

// 1. Context ---------------------------------------------------------------------------------------

export interface ContextOptions {
  db: Database;
  authKey: Uint8Array;
  rateLimiter: RateLimiter;
  /**
   * The event bus and the shared typing and presence state. Servers pass the process's own;
   * without one, a private in-memory one (server-side callers that nobody listens to).
   */
  realtime?: Realtime;
  headers: Headers;
  /** The caller's network address as the transport saw it, for per-address rate limits. */
  clientAddress?: string;
  /** Where procedures may set headers (the session cookie); absent for server-side callers. */
  responseHeaders?: Headers;
  secureCookies?: boolean;
  requestId?: string;
  /** Set for WebSocket connections, whose context lives as long as the connection. */
  connection?: ConnectionState;
}

export interface ConnectionState {
  /** Subscriptions open on the connection, capped by `liveLimits.subscriptionsPerConnection`. */
  subscriptions: number;
}

export async function createContext(options: ContextOptions) {
  const token = readToken(options.headers);
  const session = token ? await resolveSession(options.db, options.authKey, token).catch(unavailableOrRethrow) : null;
  if (session) identifyRequestUser(session.user.id);
  return {
    ...options,
    realtime: options.realtime ?? createRealtime(),
    requestId: options.requestId ?? randomUUID(),
    clientAddress: options.clientAddress ?? "unknown",
    user: session?.user ?? null,
    sessionId: session?.sessionId ?? null,
    secureCookies: options.secureCookies ?? false,
  };
}

export type Context = Awaited<ReturnType<typeof createContext>>;

// 2. Initialisation --------------------------------------------------------------------------------

const t = initTRPC.context<Context>().meta<OpenApiMeta>().create({
  transformer: superjson,
  isDev: false,
  errorFormatter({ shape, error }) {
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      message: internal ? "Internal server error" : shape.message,
      data: {
        ...shape.data,
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// 3. Procedures ------------------------------------------------------------------------------------

/** Database outages become SERVICE_UNAVAILABLE (503) here, for every procedure and transport. */
function unavailableOrRethrow(error: unknown): never {
  throw isDatabaseUnavailable(error) ? fail.unavailable(error) : error;
}

export const publicProcedure = t.procedure
  .use(async ({ next }) => {
    const result = await next();
    if (!result.ok && isDatabaseUnavailable(result.error)) unavailableOrRethrow(result.error);
    return result;
  })
  // Each call counts, one of a batch as much as one alone (rateRules.calls), before its input is parsed.
  .use(async ({ ctx, next }) => {
    await enforceRateLimit(ctx.rateLimiter, "calls", ctx.user ? `user:${ctx.user.id}` : `address:${ctx.clientAddress}`);
    return next();
  });

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user || !ctx.sessionId) throw fail.unauthorized();
  return next({ ctx: { user: ctx.user, sessionId: ctx.sessionId } });
});

/** A procedure on a server: input carries `serverId`; the caller's membership is loaded and authorized. */
export function serverProcedure<Input extends z.ZodType<{ serverId: string }>>(action: Action, input: Input) {
  return authedProcedure.input(input).use(async ({ ctx, input, next }) => {
    const membership = await loadMembership(ctx.db, BigInt(input.serverId), ctx.user.id);
    authorize(action, membership);
    return next({ ctx: { membership } });
  });
}

/**
 * A procedure on another member of a server: input carries `serverId` and `userId`; rules may
 * depend on their role. With `nonMembers`, the user may also be someone outside the server
 * (a ban of someone who already left): their role is then null.
 */
export function memberProcedure<Input extends z.ZodType<{ serverId: string; userId: string }>>(
  action: Action,
  input: Input,
  options: { nonMembers?: boolean } = {},
) {
  return authedProcedure.input(input).use(async ({ ctx, input, next }) => {
    const membership = await loadMembership(ctx.db, BigInt(input.serverId), ctx.user.id);
    const userId = BigInt(input.userId);
    const member = await findMembership(ctx.db, membership.serverId, userId);
    if (!member && !(options.nonMembers && (await userExists(ctx.db, userId)))) throw fail.notFound("Member");
    const target = { userId, role: member?.role ?? null };
    authorize(action, membership, target);
    return next({ ctx: { membership, target } });
  });
}

/** A procedure on a channel: input carries `channelId`. */
export function channelProcedure<Input extends z.ZodType<{ channelId: string }>>(action: Action, input: Input) {
  return authedProcedure.input(input).use(async ({ ctx, input, next }) => {
    const access = await loadChannelAccess(ctx.db, BigInt(input.channelId), ctx.user.id);
    authorize(action, access.membership);
    return next({ ctx: access });
  });
}

/** A procedure on a message: input carries `messageId`; rules may depend on the message's author. */
export function messageProcedure<Input extends z.ZodType<{ messageId: string }>>(action: Action, input: Input) {
  return authedProcedure.input(input).use(async ({ ctx, input, next }) => {
    const access = await loadMessageAccess(ctx.db, BigInt(input.messageId), ctx.user.id);
    authorize(action, access.membership, access.target);
    return next({ ctx: access });
  });
}
