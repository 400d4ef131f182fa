/**
 * Permission overwrites (Discord's "Permissions" of a channel or category): allow and deny per
 * role or member. Listing and changing them takes MANAGE_ROLES where they apply (in the channel,
 * whose overwrites may take it away; on a category, from roles); a change turns on or off only
 * flags the actor holds, for a role below their highest. Whoever's view changes finds out live:
 * the server's streams re-check access (`signalVisibilityChange`).
 */
import { type ServerChannel, type Transaction, and, channels, eq, permissionOverwrites } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { namesOf } from "@chat/policy/permission-flags";
import { type Actor, authorize } from "@chat/policy/permissions";
import {
  categoryOverwriteInput,
  categoryOverwritesInput,
  channelIdInput,
  channelOverwriteInput,
  setCategoryOverwriteInput,
  setChannelOverwriteInput,
} from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";

import { auditBy, recordAudit } from "../audit/record";
import { type ChannelRow, channelColumns, toChannel } from "../channels/dto";
import { rest } from "../core/rest";
import { type Context, serverChannelProcedure, serverProcedure } from "../core/trpc";
import { signalVisibilityChange } from "../live/publish";
import { publishActivity } from "../unread/activity";
import { type OverwritesDto, overwritesOutput, toOverwrite } from "./dto";
import {
  type Scope,
  inForce,
  loadCategory,
  lockScope,
  overwriteTarget,
  overwritesOf,
  parseAllowDeny,
  scopeTarget,
  storedOn,
  unsync,
} from "./scope";

type Change = { targetType: "role" | "member"; targetId: string } & ({ allow: bigint; deny: bigint } | { remove: true });
type Caller = Pick<Context, "db" | "realtime" | "log"> & { user: { id: bigint }; membership: Actor & { serverId: bigint } };

async function listed(db: Context["db"] | Transaction, scope: Scope): Promise<OverwritesDto> {
  const synced = "channel" in scope && scope.channel.permissionsSynced && scope.channel.categoryId !== null;
  return { synced, overwrites: (await overwritesOf(db, inForce(scope))).map(toOverwrite) };
}

/** The channels whose overwrites in force are the scope's: the channel, or a category's synced channels. */
function followers(tx: Transaction, scope: Scope): Promise<ChannelRow[]> {
  const which = "channel" in scope ? eq(channels.id, scope.channel.id) : and(eq(channels.categoryId, scope.category.id), eq(channels.permissionsSynced, true));
  return tx.select(channelColumns).from(channels).where(which);
}

/**
 * After commit: who sees what is read again, then the channels whose overwrites in force changed
 * are announced as updated to those who still see them (their lock, and who else sees them: the
 * member lists beside them ask again).
 */
async function announceChange(ctx: Caller, serverId: bigint, changed: ChannelRow[]): Promise<void> {
  await signalVisibilityChange(ctx, serverId);
  for (const row of changed) void publishActivity(ctx, { type: "channel", action: "updated", serverId: String(serverId), channel: toChannel(row) });
}

/**
 * Sets or removes one overwrite of the scope; answers the overwrites in force after it. The
 * flags that change (on either side) must be the actor's, and a role target below their highest.
 */
async function applyChange(ctx: Caller, loaded: Scope, change: Change): Promise<OverwritesDto> {
  const result = await ctx.db.transaction(async (tx) => {
    const target = await overwriteTarget(tx, loaded.serverId, change);
    const scope = await lockScope(tx, loaded);
    await unsync(tx, scope);
    const stored = { ...scope, ...("channel" in scope ? { channel: { ...scope.channel, permissionsSynced: false } } : {}) };
    const targetId = BigInt(change.targetId);
    const which = and(storedOn(stored), eq(permissionOverwrites.targetType, change.targetType), eq(permissionOverwrites.targetId, targetId));
    const [before] = await tx.select().from(permissionOverwrites).where(which);
    const next = "remove" in change ? undefined : change;
    if (!before && !next) throw fail.notFound("Overwrite");
    const changed = ((before?.allow ?? 0n) ^ (next?.allow ?? 0n)) | ((before?.deny ?? 0n) ^ (next?.deny ?? 0n));
    authorize("overwrite.manage", ctx.membership, { ...target, permissions: changed });
    if (next) {
      const where = "channel" in scope ? { channelId: scope.channel.id } : { categoryId: scope.category.id };
      await tx
        .insert(permissionOverwrites)
        .values({ serverId: scope.serverId, ...where, targetType: change.targetType, targetId, allow: next.allow, deny: next.deny })
        .onConflictDoUpdate({
          target: "channel" in scope
            ? [permissionOverwrites.channelId, permissionOverwrites.targetType, permissionOverwrites.targetId]
            : [permissionOverwrites.categoryId, permissionOverwrites.targetType, permissionOverwrites.targetId],
          set: { allow: next.allow, deny: next.deny },
        });
    } else {
      await tx.delete(permissionOverwrites).where(which);
    }
    const { id, name } = scopeTarget(scope);
    const details = { targetType: change.targetType, targetId: change.targetId, ...(next ? { allow: namesOf(next.allow), deny: namesOf(next.deny) } : { removed: true }) };
    await recordAudit(tx, { ...auditBy(ctx), action: "channel" in scope ? "channel.overwrite" : "category.overwrite", target: { id, name }, details });
    return { listed: await listed(tx, stored), changed: await followers(tx, scope) };
  });
  await announceChange(ctx, loaded.serverId, result.changed);
  return result.listed;
}

const channelScope = (ctx: { channel: ServerChannel }): Scope => ({ serverId: ctx.channel.serverId, channel: ctx.channel });

async function categoryScope(ctx: Pick<Context, "db"> & { membership: { serverId: bigint } }, categoryId: string): Promise<Scope> {
  return { serverId: ctx.membership.serverId, category: await loadCategory(ctx.db, ctx.membership.serverId, BigInt(categoryId)) };
}

const errors = { errors: [400, 403, 404] as Array<400 | 403 | 404> };

export const overwriteRouter = {
  /** The overwrites in force on a channel: its category's while it is synced. */
  list: serverChannelProcedure("overwrite.manage", channelIdInput)
    .meta(rest("GET", "/channels/{channelId}/overwrites", { summary: "A channel's permission overwrites", ...errors }))
    .output(overwritesOutput)
    .query(({ ctx }) => listed(ctx.db, channelScope(ctx))),

  /** Sets one role's or member's overwrite on a channel; a synced channel first takes a copy of its category's. */
  set: serverChannelProcedure("overwrite.manage", setChannelOverwriteInput)
    .meta(
      rest("PUT", "/channels/{channelId}/overwrites/{targetType}/{targetId}", {
        summary: "Set a role's or member's permission overwrite on a channel",
        description: "`allow` and `deny` are permission flags as decimal strings, never sharing a flag. The flags you change must be yours; a role must be below your highest.",
        ...errors,
      }),
    )
    .output(overwritesOutput)
    .mutation(({ ctx, input }) => applyChange(ctx, channelScope(ctx), { ...input, ...parseAllowDeny(input) })),

  delete: serverChannelProcedure("overwrite.manage", channelOverwriteInput)
    .meta(rest("DELETE", "/channels/{channelId}/overwrites/{targetType}/{targetId}", { summary: "Remove a permission overwrite from a channel", ...errors }))
    .output(overwritesOutput)
    .mutation(({ ctx, input }) => applyChange(ctx, channelScope(ctx), { ...input, remove: true })),

  listCategory: serverProcedure("overwrite.manage", categoryOverwritesInput)
    .meta(rest("GET", "/servers/{serverId}/categories/{categoryId}/overwrites", { summary: "A category's permission overwrites", ...errors }))
    .output(overwritesOutput)
    .query(async ({ ctx, input }) => listed(ctx.db, await categoryScope(ctx, input.categoryId))),

  /** Sets an overwrite on a category: its synced channels follow. */
  setCategory: serverProcedure("overwrite.manage", setCategoryOverwriteInput)
    .meta(
      rest("PUT", "/servers/{serverId}/categories/{categoryId}/overwrites/{targetType}/{targetId}", {
        summary: "Set a role's or member's permission overwrite on a category",
        description: "Applies to the category's synced channels. The same rules as a channel's.",
        ...errors,
      }),
    )
    .output(overwritesOutput)
    .mutation(async ({ ctx, input }) => applyChange(ctx, await categoryScope(ctx, input.categoryId), { ...input, ...parseAllowDeny(input) })),

  deleteCategory: serverProcedure("overwrite.manage", categoryOverwriteInput)
    .meta(rest("DELETE", "/servers/{serverId}/categories/{categoryId}/overwrites/{targetType}/{targetId}", { summary: "Remove a permission overwrite from a category", ...errors }))
    .output(overwritesOutput)
    .mutation(async ({ ctx, input }) => applyChange(ctx, await categoryScope(ctx, input.categoryId), { ...input, remove: true })),
} satisfies TRPCRouterRecord;

/**
 * channel.sync: the channel drops its own overwrites and takes its category's again. The flags
 * its own overwrites set must be the actor's (they are the ones that change hands).
 */
export const sync = serverChannelProcedure("overwrite.manage", channelIdInput)
  .meta(rest("POST", "/channels/{channelId}/sync", { summary: "Sync a channel's permissions with its category", ...errors }))
  .output(overwritesOutput)
  .mutation(async ({ ctx }) => {
    if (ctx.channel.categoryId === null) throw fail.badRequest("The channel is in no category");
    const result = await ctx.db.transaction(async (tx) => {
      const scope = await lockScope(tx, channelScope(ctx));
      const own = await overwritesOf(tx, storedOn(scope));
      const permissions = own.reduce((all, row) => all | row.allow | row.deny, 0n);
      authorize("overwrite.manage", ctx.membership, { userId: null, owner: false, rank: null, permissions });
      await tx.delete(permissionOverwrites).where(storedOn(scope));
      const [channel] = await tx.update(channels).set({ permissionsSynced: true }).where(eq(channels.id, ctx.channel.id)).returning();
      await recordAudit(tx, { ...auditBy(ctx), action: "channel.sync", target: { id: ctx.channel.id, name: ctx.channel.name } });
      return { listed: await listed(tx, { serverId: ctx.channel.serverId, channel: channel! }), changed: await followers(tx, scope) };
    });
    await announceChange(ctx, ctx.channel.serverId, result.changed);
    return result.listed;
  });
