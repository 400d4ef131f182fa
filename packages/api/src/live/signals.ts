import type { ConversationSummaryDto } from "../conversations/dto";
import type { RemovalReason } from "../members/removal";
import type { ChannelEvent } from "../messages/events";
import type { CustomStatus, PresenceStatus } from "../presence/status";
import type { UserSummaryDto } from "../relationships/dto";
import type { RelationshipKind } from "@chat/db";
import type { ChannelNotifyLevel, NotifyLevel } from "@chat/validators";
import type { Activity } from "../unread/activity";

/**
 * What travels on the bus. A channel's topic carries its message events, typing changes and
 * access changes; a server's topic carries its members' presence and access changes; a user's
 * topic carries what happens to them: removal from a server, revoked sessions, read state. A
 * server's activity topic carries what each member's `user.onEvent` filters for them: new and
 * deleted messages in any channel, and channel changes. It is apart from the server's topic so
 * that channel and presence subscribers do not receive every message of the server.
 */
export const topics = {
  channel: (channelId: bigint | string) => `channel:${channelId}`,
  server: (serverId: bigint | string) => `server:${serverId}`,
  activity: (serverId: bigint | string) => `activity:${serverId}`,
  user: (userId: bigint | string) => `user:${userId}`,
};

/**
 * What a channel's live streams listen to: the channel's topic, and its server's (access changes,
 * presence); a DM or group has no server, and its access changes come on its own topic.
 */
export function channelTopics(channel: { id: bigint; serverId: bigint | null }): string[] {
  return channel.serverId === null ? [topics.channel(channel.id)] : [topics.channel(channel.id), topics.server(channel.serverId)];
}

export type Signal =
  /** A committed channel event; `seq` orders it within its channel. */
  | { kind: "event"; seq: string; event: ChannelEvent }
  /** `at` is when it happened: a late start never undoes a later stop. */
  | { kind: "typing"; userId: string; username: string; expiresAt: number | null; at: number }
  /** A member's status as others see it; `custom` is omitted when they show none. */
  | { kind: "presence"; userId: string; status: PresenceStatus; custom?: CustomStatus }
  /** Memberships or the channel changed: live subscriptions re-check access. `removed` says who was put out, and how. */
  | { kind: "access"; removed?: { userId: string; reason: RemovalReason } }
  /** On the user's topic: they were kicked or banned from a server. */
  | { kind: "removed"; serverId: string; serverName: string; reason: RemovalReason; banReason: string | null }
  /** On a server's activity topic. */
  | { kind: "activity"; activity: Activity }
  /** On the user's topic: they joined or left a server (from any of their tabs). */
  | { kind: "membership"; action: "joined" | "left"; serverId: string; serverName: string | null }
  /** On the user's topic: their read position in a channel moved. */
  | { kind: "read"; serverId: string | null; channelId: string; lastReadId: string }
  /** On the user's topic: they muted or unmuted a server, or (`serverId` null) a DM or group. */
  | { kind: "muted"; serverId: string; muted: boolean }
  | { kind: "muted"; serverId: null; channelId: string; muted: boolean }
  /** On the user's topic: they chose which messages of a server, or of one of its channels ("default": the server's), notify them. */
  | { kind: "notify"; serverId: string; channelId: null; level: NotifyLevel }
  | { kind: "notify"; serverId: string; channelId: string; level: ChannelNotifyLevel }
  /** On the user's topic: how they now stand towards `user` (null: no longer related). */
  | { kind: "relationship"; user: UserSummaryDto; relationship: RelationshipKind | null }
  /** On the user's topic: a DM or group of theirs was opened or changed (its people, its name), or they left it. */
  | { kind: "conversation"; action: "updated"; conversation: ConversationSummaryDto }
  | { kind: "conversation"; action: "left"; conversation: { id: string } }
  /** On the user's topic: these sessions were revoked; their connections close. */
  | { kind: "sessionsRevoked"; sessionIds: string[] }
  /** On the user's topic: a field their sessions carry (the avatar) changed; cached sessions are stale. */
  | { kind: "accountChanged" };
