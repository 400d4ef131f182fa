/**
 * The tRPC core, in the order a request meets it:
 * 1. context: the services the process shell hands over (the database, the realtime bus and
 *    state, limits, a logger), the caller (from a bearer token or the session cookie), response headers;
 * 2. initialisation: superjson, an error shape that flattens zod issues and hides internals, and
 *    procedure meta that can expose a procedure on the REST API (rest.ts);
 * 3. procedures: public, authed, and the access builders that load the caller's membership once
 *    and apply the permission table (../permissions.ts) before any handler runs.
 */
import { randomUUID } from "node:crypto";

import type { Database } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { type Action, authorize } from "@chat/policy/permissions";
import { type Realtime, type SubscriptionWriter, createRealtime } from "@chat/realtime";
import type { Storage } from "@chat/storage";
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import type { OpenApiMeta } from "trpc-to-openapi";
import { z, ZodError } from "zod";

import type { SessionCache } from "../account/session-cache";
import { readToken, resolveSession } from "../account/session-token";
import { loadCategoryAccess } from "../categories/access";
import { type AccessRead, loadChannelAccess, serverChannelOnly } from "../channels/access";
import type { LinkPreviews } from "../embeds/previews";
import { isDatabaseUnavailable, toTRPCError } from "../errors";
import { findMembership, loadMembership, userExists } from "../members/membership";
import { loadMessageAccess } from "../messages/access";
import type { PushDelivery } from "../push/deliver";
import { loadRoleAccess, roleTarget } from "../roles/access";
import { type Log, silentLog } from "./log";
import { type RateLimiter, enforceRateLimit } from "./rate-limit";

// 1. Context ---------------------------------------------------------------------------------------

/** What the process shell hands every context: shared by the requests and connections of a process. */
export interface Services {
  db: Database;
  authKey: Uint8Array;
  rateLimiter: RateLimiter;
  /**
   * The event bus and the shared typing and presence state. Servers pass the process's own;
   * without one, a private in-memory one (server-side callers that nobody listens to).
   */
  realtime?: Realtime;
  secureCookies?: boolean;
  /** Where files are kept (attachments, avatars, icons); without one, procedures that store or delete files fail. */
  storage?: Storage;
  /** Where procedures log; silent without one. */
  log?: Log;
  /** Told the caller once the session is known, so that the request's later log lines name them. */
  identifyUser?(userId: bigint): void;
  /** Web Push delivery (push/deliver.ts); without one, messages notify no device and `push.*` answers 404. */
  push?: PushDelivery;
  /** Fetches link previews after sends and edits (embeds/previews.ts); without one, messages get none. */
  linkPreviews?: LinkPreviews;
  /** The largest attachment (UPLOAD_MAX_BYTES); without it or `storage`, uploads and sends with files answer 404. */
  uploadMaxBytes?: number;
  /** Remembers verified sessions for a few seconds (HTTP requests); without one, each context reads its session. */
  sessionCache?: SessionCache;
}

export interface ContextOptions extends Services {
  headers: Headers;
  /** The caller's network address as the transport saw it, for per-address rate limits. */
  clientAddress?: string;
  /** Where procedures may set headers (the session cookie); absent for server-side callers. */
  responseHeaders?: Headers;
  requestId?: string;
  /** Set for WebSocket connections, whose context lives as long as the connection. */
  connection?: ConnectionState;
}

export interface ConnectionState {
  /** Subscriptions open on the connection, capped by `liveLimits.subscriptionsPerConnection`. */
  subscriptions: number;
  /**
   * The writer of the subscription the transport is starting on this connection, once, for a
   * stream to write its broadcasts itself (`live/subscribe.ts`); null when there is none.
   */
  takeSubscriptionWriter?(): SubscriptionWriter | null;
}

export async function createContext(options: ContextOptions) {
  const token = readToken(options.headers);
  const session = token ? await readSessionOf(options, token).catch(unavailableOrRethrow) : null;
  if (session) options.identifyUser?.(session.user.id);
  return {
    ...options,
    realtime: options.realtime ?? createRealtime(),
    log: options.log ?? silentLog,
    requestId: options.requestId ?? randomUUID(),
    clientAddress: options.clientAddress ?? "unknown",
    user: session?.user ?? null,
    sessionId: session?.sessionId ?? null,
    secureCookies: options.secureCookies ?? false,
  };
}

function readSessionOf({ sessionCache, db, authKey }: Services, token: string) {
  return sessionCache ? sessionCache.resolve(db, authKey, token) : resolveSession(db, authKey, token);
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

/** A database outage while the context is made, before any procedure runs, is a 503 as well. */
function unavailableOrRethrow(error: unknown): never {
  throw isDatabaseUnavailable(error) ? toTRPCError(error) : error;
}

/**
 * A stream whose failure, once it has started, is told as the call's would be. An iterator, not
 * a generator: every idle subscription waits in it, and a suspended generator costs ~700 B.
 */
class WithTRPCErrors<T> implements AsyncIterableIterator<T> {
  constructor(private readonly inner: AsyncIterator<T>) {}

  next(): Promise<IteratorResult<T>> {
    return this.inner.next().catch(rethrowAsTRPCError);
  }

  return(value?: unknown): Promise<IteratorResult<T>> {
    if (!this.inner.return) return Promise.resolve({ done: true, value: value as T });
    return this.inner.return(value).catch(rethrowAsTRPCError);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

function rethrowAsTRPCError(error: unknown): never {
  throw toTRPCError(error);
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === "object" && value !== null && Symbol.asyncIterator in value;

export const publicProcedure = t.procedure
  // Domain errors and database outages become tRPC errors (errors.ts), for every procedure and
  // transport, a subscription's stream as well as a call.
  .use(async ({ next }) => {
    const result = await next();
    if (!result.ok) throw toTRPCError(result.error);
    if (isAsyncIterable(result.data)) result.data = new WithTRPCErrors(result.data[Symbol.asyncIterator]());
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
    const target = { userId, owner: member?.owner ?? false, rank: member?.rank ?? null };
    authorize(action, membership, target);
    return next({ ctx: { membership, target } });
  });
}

/**
 * A procedure on a channel: input carries `channelId`. With `read`, the handler's first read goes
 * in the statement that loads the access (channels/access.ts) and reaches it as `ctx.read`, once
 * the membership is authorized.
 */
export function channelProcedure<Input extends z.ZodType<{ channelId: string }>, Read = undefined>(
  action: Action,
  input: Input,
  read?: (input: z.output<Input>) => AccessRead<Read>,
) {
  return authedProcedure.input(input).use(async ({ ctx, input, next }) => {
    // tRPC types the parsed input by its own inference, which TypeScript cannot equate with zod's here.
    const access = await loadChannelAccess(ctx.db, BigInt(input.channelId), ctx.user.id, read?.(input as z.output<Input>));
    authorize(action, access.membership);
    return next({ ctx: access });
  });
}

/**
 * A procedure on a server's channel (its settings, place in the sidebar, overwrites): input
 * carries `channelId`; a DM or group is NOT_FOUND here.
 */
export function serverChannelProcedure<Input extends z.ZodType<{ channelId: string }>>(action: Action, input: Input) {
  return authedProcedure.input(input).use(async ({ ctx, input, next }) => {
    const access = serverChannelOnly(await loadChannelAccess(ctx.db, BigInt(input.channelId), ctx.user.id));
    authorize(action, access.membership);
    return next({ ctx: access });
  });
}

/** A procedure on a category: input carries `categoryId`; another server's category is NOT_FOUND, as channels are. */
export function categoryProcedure<Input extends z.ZodType<{ categoryId: string }>>(action: Action, input: Input) {
  return authedProcedure.input(input).use(async ({ ctx, input, next }) => {
    const access = await loadCategoryAccess(ctx.db, BigInt(input.categoryId), ctx.user.id);
    authorize(action, access.membership);
    return next({ ctx: access });
  });
}

/** A procedure on a role: input carries `serverId` and `roleId`; rules depend on where the role stands. */
export function roleProcedure<Input extends z.ZodType<{ serverId: string; roleId: string }>>(action: Action, input: Input) {
  return authedProcedure.input(input).use(async ({ ctx, input, next }) => {
    const access = await loadRoleAccess(ctx.db, BigInt(input.serverId), BigInt(input.roleId), ctx.user.id);
    authorize(action, access.membership, roleTarget(access.role));
    return next({ ctx: access });
  });
}

/** A procedure on a message in a server's channel (pins): a message in a DM or group is NOT_FOUND here. */
export function serverMessageProcedure<Input extends z.ZodType<{ messageId: string }>>(action: Action, input: Input) {
  return authedProcedure.input(input).use(async ({ ctx, input, next }) => {
    const access = await loadMessageAccess(ctx.db, BigInt(input.messageId), ctx.user.id);
    if (access.membership.serverId === null) throw fail.notFound("Message");
    authorize(action, access.membership, access.target);
    return next({ ctx: { ...access, membership: access.membership } });
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
