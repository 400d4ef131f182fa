import type { RouterOutputs } from "@chat/api";

/**
 * Unread state as the query cache keeps it: on `channel.list` (per channel) and `server.list`
 * (per server totals). Live events go through these pure functions.
 */
export type ChannelWithReadState = RouterOutputs["channel"]["list"][number];
export type ServerWithReadState = RouterOutputs["server"]["list"][number];
/** A server's channel or a DM or group: whatever has a read position. */
export interface ReadState {
  id: string;
  lastReadId: string;
  unreadCount: number;
  mentionCount: number;
}

const CAP = 100;

/** "3", or "99+" once the server's count reached its cap. */
export function formatCount(count: number): string {
  return count >= CAP ? "99+" : String(count);
}

/** Whether `id` is past the channel's read position (ids are snowflakes: compare as numbers). */
export function isAfter(id: string, lastReadId: string): boolean {
  return BigInt(id) > BigInt(lastReadId);
}

/** A new message by someone else in `channelId`. */
export function bumpChannel<T extends ReadState>(channels: T[], channelId: string, mentioned: boolean): T[] {
  return channels.map((channel) =>
    channel.id === channelId
      ? {
          ...channel,
          unreadCount: Math.min(CAP, channel.unreadCount + 1),
          mentionCount: Math.min(CAP, channel.mentionCount + (mentioned ? 1 : 0)),
        }
      : channel,
  );
}

export function bumpServer(servers: ServerWithReadState[], serverId: string, mentioned: boolean): ServerWithReadState[] {
  return servers.map((server) =>
    server.id === serverId
      ? { ...server, unreadCount: server.unreadCount + 1, mentionCount: server.mentionCount + (mentioned ? 1 : 0) }
      : server,
  );
}

/** The channel was read up to `lastReadId` with these counts left (from `channel.markRead`). */
export function readChannel<T extends ReadState>(
  channels: T[],
  state: { channelId: string; lastReadId: string; unreadCount: number; mentionCount: number },
): T[] {
  const { lastReadId, unreadCount, mentionCount } = state;
  return channels.map((channel) => (channel.id === state.channelId ? { ...channel, lastReadId, unreadCount, mentionCount } : channel));
}

/** The server's totals as the sum of its channels'. */
export function withTotals(servers: ServerWithReadState[], serverId: string, channels: ChannelWithReadState[]): ServerWithReadState[] {
  const unreadCount = channels.reduce((sum, channel) => sum + channel.unreadCount, 0);
  const mentionCount = channels.reduce((sum, channel) => sum + channel.mentionCount, 0);
  return servers.map((server) => (server.id === serverId ? { ...server, unreadCount, mentionCount } : server));
}

export function setMuted(servers: ServerWithReadState[], serverId: string, muted: boolean): ServerWithReadState[] {
  return servers.map((server) => (server.id === serverId ? { ...server, muted } : server));
}

/** Which messages of a server notify the viewer (`server.setNotify`). */
export type NotifyLevel = ServerWithReadState["notify"];
/** A channel's: a level, or "default" to follow the server's (`channel.setNotify`). */
export type ChannelNotifyLevel = ChannelWithReadState["notify"];

export function setServerNotify(servers: ServerWithReadState[], serverId: string, notify: NotifyLevel): ServerWithReadState[] {
  return servers.map((server) => (server.id === serverId ? { ...server, notify } : server));
}

export function setChannelNotify(channels: ChannelWithReadState[], channelId: string, notify: ChannelNotifyLevel): ChannelWithReadState[] {
  return channels.map((channel) => (channel.id === channelId ? { ...channel, notify } : channel));
}

/**
 * Where the "new messages" divider goes: the first message after `lastReadId` that someone else
 * sent. Only when the message before it is loaded too (`complete`: nothing older to load), so the
 * divider never claims a start that lies in a page not yet fetched.
 */
export function firstUnreadId(
  oldestFirst: Array<{ id: string; author: { id: string } | null; delivery?: unknown }>,
  lastReadId: string,
  me: string | undefined,
  complete: boolean,
): string | undefined {
  const index = oldestFirst.findIndex((message) => !message.delivery && message.author?.id !== me && isAfter(message.id, lastReadId));
  if (index === -1 || (index === 0 && !complete)) return undefined;
  return oldestFirst[index]!.id;
}
