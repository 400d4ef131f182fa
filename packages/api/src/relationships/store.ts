import { type Transaction, type RelationshipKind, and, count, eq, inArray, or, relationships, sql, users } from "@chat/db";
import { fail } from "@chat/policy/errors";
import type { Standing } from "@chat/policy/relationships";
import { limits } from "@chat/validators";

import type { Context } from "../core/trpc";
import { publishToUser } from "../live/publish";
import { type RelationshipDto, type UserSummaryDto, toUserSummary } from "./dto";

/** What a change does to each side: a new kind, null to remove the row, undefined to leave it. */
export interface Change {
  mine?: RelationshipKind | null;
  theirs?: RelationshipKind | null;
}

const summaryColumns = { id: users.id, username: users.username, displayName: users.displayName, avatar: users.avatar };

/** The user with this exact username (letters compared without case), if any. */
export async function findByUsername(ctx: Pick<Context, "db">, username: string): Promise<bigint | undefined> {
  const [user] = await ctx.db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return user?.id;
}

/**
 * Changes how the caller and `otherId` stand towards each other, by `decide`'s answer to how they
 * stand now. Both users' rows are locked in id order first, so that two people befriending or
 * blocking each other at once take turns. Each side whose row changed hears of it on `user.onEvent`.
 */
export async function changeRelationship(
  ctx: Pick<Context, "db" | "realtime" | "log">,
  meId: bigint,
  otherId: bigint,
  decide: (standing: Standing, tx: Transaction) => Promise<Change> | Change,
): Promise<RelationshipDto | null> {
  if (otherId === meId) throw fail.badRequest("That is you");
  const { me, other, change, since } = await ctx.db.transaction(async (tx) => {
    const pair = await tx
      .select(summaryColumns)
      .from(users)
      .where(inArray(users.id, [meId, otherId]))
      .orderBy(users.id)
      .for("no key update");
    const me = pair.find((user) => user.id === meId);
    const other = pair.find((user) => user.id === otherId);
    if (!me || !other) throw fail.notFound("User");
    const rows = await tx
      .select({ userId: relationships.userId, kind: relationships.kind })
      .from(relationships)
      .where(or(and(eq(relationships.userId, meId), eq(relationships.otherId, otherId)), and(eq(relationships.userId, otherId), eq(relationships.otherId, meId))));
    const standing: Standing = {
      mine: rows.find((row) => row.userId === meId)?.kind,
      theirs: rows.find((row) => row.userId === otherId)?.kind,
    };
    const change = await decide(standing, tx);
    if (change.mine === "friend") await assertRoomForFriend(tx, meId, "Your friend list is full");
    if (change.theirs === "friend") await assertRoomForFriend(tx, otherId, "Their friend list is full");
    const since = await setSide(tx, meId, otherId, change.mine);
    await setSide(tx, otherId, meId, change.theirs);
    return { me, other, change, since };
  });
  await announce(ctx, meId, toUserSummary(other), change.mine);
  await announce(ctx, otherId, toUserSummary(me), change.theirs);
  return change.mine && since ? { user: toUserSummary(other), kind: change.mine, since } : null;
}

/** Sets one side's row (null deletes it); answers since when it holds, when it was written. */
async function setSide(tx: Transaction, userId: bigint, otherId: bigint, kind: RelationshipKind | null | undefined): Promise<Date | undefined> {
  if (kind === undefined) return undefined;
  if (kind === null) {
    await tx.delete(relationships).where(and(eq(relationships.userId, userId), eq(relationships.otherId, otherId)));
    return undefined;
  }
  const [row] = await tx
    .insert(relationships)
    .values({ userId, otherId, kind })
    .onConflictDoUpdate({ target: [relationships.userId, relationships.otherId], set: { kind, since: sql`now()` } })
    .returning({ since: relationships.since });
  return row?.since;
}

async function assertRoomForFriend(tx: Transaction, userId: bigint, message: string) {
  const [row] = await tx
    .select({ friends: count() })
    .from(relationships)
    .where(and(eq(relationships.userId, userId), eq(relationships.kind, "friend")));
  if ((row?.friends ?? 0) >= limits.friends.max) throw fail.conflict(message);
}

/** Tells `userId`'s tabs how they now stand towards `other` (null: no longer related). */
async function announce(ctx: Pick<Context, "realtime" | "log">, userId: bigint, other: UserSummaryDto, kind: RelationshipKind | null | undefined) {
  if (kind === undefined) return;
  await publishToUser(ctx, userId, { kind: "relationship", user: other, relationship: kind });
}

function othersOf(kind: RelationshipKind) {
  return async (db: Pick<Context, "db">["db"], userId: bigint): Promise<bigint[]> => {
    const rows = await db
      .select({ id: relationships.otherId })
      .from(relationships)
      .where(and(eq(relationships.userId, userId), eq(relationships.kind, kind)));
    return rows.map((row) => row.id);
  };
}

/** The ids of the people `userId` blocked: whose mentions do not notify them. */
export const blockedIds = othersOf("blocked");

/** The caller's relationships of these kinds, newest first. */
export async function listRelationships(ctx: Pick<Context, "db">, userId: bigint, kinds: RelationshipKind[]): Promise<RelationshipDto[]> {
  const rows = await ctx.db
    .select({ ...summaryColumns, kind: relationships.kind, since: relationships.since })
    .from(relationships)
    .innerJoin(users, eq(users.id, relationships.otherId))
    .where(and(eq(relationships.userId, userId), inArray(relationships.kind, kinds)))
    .orderBy(sql`${relationships.since} desc`, relationships.otherId);
  return rows.map((row) => ({ user: toUserSummary(row), kind: row.kind, since: row.since }));
}
