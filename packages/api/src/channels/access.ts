import { type Database, type SQL, and, channels, eq, serverMembers, sql } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { type Action, authorize } from "@chat/policy/permissions";

import type { Signal } from "../live/signals";
import { explainingRemoval, grantColumns, toMembership } from "../members/membership";

/**
 * A channel joined with the caller's membership in its server: a missing channel and one in a
 * server the caller is not in give the same NOT_FOUND. Channels reach their people through a
 * server today; a conversation without one (a direct message) gets its own loader here.
 *
 * `read`, a scalar subquery, goes in the same statement (one round trip where a handler's first
 * read would be a second: a page of history). It is evaluated only on the row the caller's
 * membership joins, so a caller without access reads nothing; it comes back as `read`. The
 * caller's roles are aggregated in the same statement (`grantColumns`).
 */
export async function loadChannelAccess<Read = undefined>(db: Database, channelId: bigint, userId: bigint, read?: SQL<Read>) {
  const [row] = await db
    .select({ channel: channels, ...grantColumns, read: read ? sql<Read>`(${read})` : sql<Read>`null` })
    .from(channels)
    .innerJoin(serverMembers, and(eq(serverMembers.serverId, channels.serverId), eq(serverMembers.userId, userId)))
    .where(eq(channels.id, channelId));
  if (!row) throw fail.notFound("Channel");
  return { channel: row.channel, membership: toMembership(row), read: row.read as Read };
}

/**
 * Throws unless the user may still do `action` in the channel: live subscriptions call it again
 * when memberships change, passing the signal that made them look (`cause`).
 */
export async function assertChannelAccess(db: Database, channelId: bigint, userId: bigint, action: Action, cause?: Signal) {
  await explainingRemoval(cause, userId, async () => authorize(action, (await loadChannelAccess(db, channelId, userId)).membership));
}
