import type { MessageDto } from "./dto";

/**
 * What travels on the bus. A channel's topic carries its message events, typing changes and
 * access changes; a server's topic carries its members' presence and access changes.
 */
export const topics = {
  channel: (channelId: bigint | string) => `channel:${channelId}`,
  server: (serverId: bigint | string) => `server:${serverId}`,
};

export type ChannelEvent =
  | { type: "created" | "updated"; message: MessageDto }
  | { type: "deleted"; message: { id: string; channelId: string } };

export type PresenceStatus = "online" | "offline";

export type Signal =
  /** A committed channel event; `seq` orders it within its channel. */
  | { kind: "event"; seq: string; event: ChannelEvent }
  /** `at` is when it happened: a late start never undoes a later stop. */
  | { kind: "typing"; userId: string; username: string; expiresAt: number | null; at: number }
  | { kind: "presence"; userId: string; status: PresenceStatus }
  /** Memberships or the channel changed: live subscriptions re-check access. */
  | { kind: "access" };
