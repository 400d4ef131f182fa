import { type Database, and, channels, eq, serverMembers } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { type Action, authorize } from "@chat/policy/permissions";

import type { Signal } from "../live/signals";
import { explainingRemoval } from "../members/membership";

/**
 * A channel joined with the caller's membership in its server: a missing channel and one in a
 * server the caller is not in give the same NOT_FOUND. Channels reach their people through a
 * server today; a conversation without one (a direct message) gets its own loader here.
 */
export async function loadChannelAccess(db: Database, channelId: bigint, userId: bigint) {
  const [row] = await db
    .select({ channel: channels, role: serverMembers.role })
    .from(channels)
    .innerJoin(serverMembers, and(eq(serverMembers.serverId, channels.serverId), eq(serverMembers.userId, userId)))
    .where(eq(channels.id, channelId));
  if (!row) throw fail.notFound("Channel");
  return { channel: row.channel, membership: { serverId: row.channel.serverId, userId, role: row.role } };
}

/**
 * Throws unless the user may still do `action` in the channel: live subscriptions call it again
 * when memberships change, passing the signal that made them look (`cause`).
 */
export async function assertChannelAccess(db: Database, channelId: bigint, userId: bigint, action: Action, cause?: Signal) {
  await explainingRemoval(cause, userId, async () => authorize(action, (await loadChannelAccess(db, channelId, userId)).membership));
}
