import { type SQL, messages, sql, users } from "@chat/db";

/** A member's nickname in a server, as a scalar subquery (null when they have none, or are not a member). */
export function nicknameIn(serverId: SQL, userId: SQL): SQL<string | null> {
  return sql<string | null>`(select nick.nickname from server_members nick where nick.server_id = ${serverId} and nick.user_id = ${userId})`;
}

/**
 * The author's names and avatar, for a query on `messages` that left-joins `users` on the author: the
 * nickname is the one in the server of the message's channel (a DM or group has none).
 */
export const authorColumns = {
  authorId: messages.authorId,
  authorName: users.username,
  authorDisplayName: users.displayName,
  authorAvatar: users.avatar,
  authorNickname: nicknameIn(sql`(select c.server_id from channels c where c.id = ${messages.channelId})`, sql`${messages.authorId}`),
};
