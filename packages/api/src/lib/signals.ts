import type { ChannelDto, MessageSnapshotDto } from "./dto";
import type { ReactionChange } from "./reactions";

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

/** What happened in a server, for its members' unread counts and notifications. */
export type Activity =
  | {
      type: "message";
      serverId: string;
      channelId: string;
      channelName: string;
      messageId: string;
      author: { id: string; username: string } | null;
      /** The start of the text, for a notification. */
      excerpt: string;
      mentionedIds: string[];
      everyone: boolean;
      replyToAuthorId: string | null;
    }
  | { type: "messageDeleted"; serverId: string; channelId: string; messageId: string }
  | { type: "channel"; action: "created" | "updated"; serverId: string; channel: ChannelDto }
  | { type: "channel"; action: "deleted"; serverId: string; channel: { id: string } }
  | { type: "serverDeleted"; serverId: string };

/**
 * A channel's message events. Sends and edits carry the message's snapshot (the same for every
 * viewer, so without reactions); a reaction event carries the change and the emoji's new count,
 * and each client works out `me` from the `userId`.
 */
export type ChannelEvent =
  | { type: "created" | "updated"; message: MessageSnapshotDto }
  | { type: "deleted"; message: MessageRef }
  | { type: "reaction"; message: MessageRef; reaction: ReactionChange };

export interface MessageRef {
  id: string;
  channelId: string;
}

/** What others see: `invisible` shows as offline. */
export type PresenceStatus = "online" | "idle" | "dnd" | "offline";

export interface CustomStatus {
  text: string;
  emoji: string | null;
  expiresAt: Date | null;
}

export type RemovalReason = "kicked" | "banned";

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
  | { kind: "read"; serverId: string; channelId: string; lastReadId: string }
  /** On the user's topic: they muted or unmuted a server. */
  | { kind: "muted"; serverId: string; muted: boolean }
  /** On the user's topic: these sessions were revoked; their connections close. */
  | { kind: "sessionsRevoked"; sessionIds: string[] };
