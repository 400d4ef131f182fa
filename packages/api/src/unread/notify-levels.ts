import { type Database, type SQL, and, channelNotifyLevels, channels, eq, ne, serverMembers, sql } from "@chat/db";
import type { NotifyLevel } from "@chat/validators";

import type { Signal } from "../live/signals";

/*
 * Notification levels (issue 19): which of a server's messages notify a member. A channel's
 * override wins over the server's level; a member who chose neither hears mentions and replies.
 */

/** The level in force for a member in a channel, in SQL: the channel's override, else the server's (`server_members` joined). */
export const effectiveLevel: SQL<NotifyLevel> = sql<NotifyLevel>`coalesce(${channelNotifyLevels.level}, ${serverMembers.notify})`;

/** One member's levels, for `user.onEvent` to decide in memory which messages notify them. */
export class NotifyLevels {
  private readonly servers = new Map<string, NotifyLevel>();
  private readonly channels = new Map<string, NotifyLevel>();

  constructor(
    private readonly db: Database,
    private readonly userId: bigint,
  ) {}

  /**
   * Reads the user's levels: all of them, or (`serverId`) one server's, as after joining it again
   * (its channels' overrides outlive a membership). Only what differs from the defaults is kept.
   */
  async load(serverId?: string): Promise<void> {
    const inServer = serverId === undefined ? undefined : BigInt(serverId);
    const [servers, overrides] = await Promise.all([
      this.db
        .select({ serverId: serverMembers.serverId, level: serverMembers.notify })
        .from(serverMembers)
        .where(and(eq(serverMembers.userId, this.userId), ne(serverMembers.notify, "mentions"), inServer === undefined ? undefined : eq(serverMembers.serverId, inServer))),
      this.db
        .select({ channelId: channelNotifyLevels.channelId, level: channelNotifyLevels.level })
        .from(channelNotifyLevels)
        .innerJoin(channels, eq(channels.id, channelNotifyLevels.channelId))
        .where(and(eq(channelNotifyLevels.userId, this.userId), inServer === undefined ? undefined : eq(channels.serverId, inServer))),
    ]);
    if (inServer === undefined) {
      this.servers.clear();
      this.channels.clear();
    } else this.servers.delete(serverId!);
    for (const row of servers) this.servers.set(String(row.serverId), row.level);
    for (const row of overrides) this.channels.set(String(row.channelId), row.level);
  }

  /** After the user chose a level, in this tab or another. */
  apply(change: Extract<Signal, { kind: "notify" }>): void {
    if (change.channelId === null) this.servers.set(change.serverId, change.level);
    else if (change.level === "default") this.channels.delete(change.channelId);
    else this.channels.set(change.channelId, change.level);
  }

  of(serverId: string, channelId: string): NotifyLevel {
    return this.channels.get(channelId) ?? this.servers.get(serverId) ?? "mentions";
  }
}
