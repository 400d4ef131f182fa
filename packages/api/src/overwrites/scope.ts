import { type Channel, type Database, type Transaction, and, categories, channels, eq, permissionOverwrites, roles } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { Permission, permissionsFromString } from "@chat/policy/permission-flags";
import type { Target } from "@chat/policy/permissions";

import { findMembership } from "../members/membership";

type Queryable = Database | Transaction;

/** Where overwrites live: a channel or a category of a server. */
export type Scope = { serverId: bigint; channel: Channel } | { serverId: bigint; category: { id: bigint; name: string } };

export const scopeTarget = (scope: Scope) => ("channel" in scope ? scope.channel : scope.category);

/** The condition on `permission_overwrites` for the rows stored on the scope itself. */
export function storedOn(scope: Scope) {
  return "channel" in scope ? eq(permissionOverwrites.channelId, scope.channel.id) : eq(permissionOverwrites.categoryId, scope.category.id);
}

/** The overwrites in force on the scope: a synced channel's are its category's. */
export function inForce(scope: Scope) {
  if ("channel" in scope && scope.channel.permissionsSynced && scope.channel.categoryId !== null) {
    return eq(permissionOverwrites.categoryId, scope.channel.categoryId);
  }
  return storedOn(scope);
}

export function overwritesOf(db: Queryable, condition: ReturnType<typeof inForce>) {
  return db.select().from(permissionOverwrites).where(condition).orderBy(permissionOverwrites.targetType, permissionOverwrites.targetId);
}

/** A category of the server, or NOT_FOUND (one of another server too). */
export async function loadCategory(db: Queryable, serverId: bigint, categoryId: bigint) {
  const [category] = await db
    .select({ id: categories.id, name: categories.name })
    .from(categories)
    .where(and(eq(categories.id, categoryId), eq(categories.serverId, serverId)));
  if (!category) throw fail.notFound("Category");
  return category;
}

/**
 * The overwrite's target as the permission table judges it: a role of the server stands at its
 * position; a member of it has no rank here (only roles are ranked). Anyone else is NOT_FOUND.
 */
export async function overwriteTarget(db: Queryable, serverId: bigint, target: { targetType: "role" | "member"; targetId: string }): Promise<Target> {
  const id = BigInt(target.targetId);
  if (target.targetType === "member") {
    if (!(await findMembership(db, serverId, id))) throw fail.notFound("Member");
    return { userId: null, owner: false, rank: null };
  }
  const [role] = await db.select({ position: roles.position }).from(roles).where(and(eq(roles.id, id), eq(roles.serverId, serverId)));
  if (!role) throw fail.notFound("Role");
  return { userId: null, owner: false, rank: role.position };
}

/** Allow and deny from their wire form: flags, never both at once, never ADMINISTRATOR (it comes from roles alone). */
export function parseAllowDeny(input: { allow: string; deny: string }) {
  const allow = permissionsFromString(input.allow);
  const deny = permissionsFromString(input.deny);
  if (allow & deny) throw fail.badRequest("A flag is either allowed or denied");
  if ((allow | deny) & Permission.ADMINISTRATOR) throw fail.badRequest("ADMINISTRATOR is not a channel permission");
  return { allow, deny };
}

/**
 * Before a channel's own overwrites change: a synced channel starts from a copy of its
 * category's (Discord's behaviour), and is no longer synced.
 */
export async function unsync(tx: Transaction, scope: Scope): Promise<void> {
  if (!("channel" in scope) || !scope.channel.permissionsSynced) return;
  const { channel } = scope;
  await tx.delete(permissionOverwrites).where(eq(permissionOverwrites.channelId, channel.id));
  if (channel.categoryId !== null) {
    const copied = await overwritesOf(tx, eq(permissionOverwrites.categoryId, channel.categoryId));
    if (copied.length > 0) await tx.insert(permissionOverwrites).values(copied.map((row) => ({ ...row, categoryId: null, channelId: channel.id })));
  }
  await tx.update(channels).set({ permissionsSynced: false }).where(eq(channels.id, channel.id));
}

/** The scope as it is now, its row locked for the transaction: overwrite changes to one scope apply one after another. */
export async function lockScope(tx: Transaction, scope: Scope): Promise<Scope> {
  if ("channel" in scope) {
    const [channel] = await tx.select().from(channels).where(eq(channels.id, scope.channel.id)).for("update");
    if (!channel) throw fail.notFound("Channel");
    return { serverId: scope.serverId, channel };
  }
  const [category] = await tx.select({ id: categories.id, name: categories.name }).from(categories).where(eq(categories.id, scope.category.id)).for("update");
  if (!category) throw fail.notFound("Category");
  return { serverId: scope.serverId, category };
}
