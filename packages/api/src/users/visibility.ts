import { type Database, eq, serverMembers } from "@chat/db";
import type { EventBus } from "@chat/realtime";

import { type ServerStateHold, type Sight, serverStates } from "../live/server-state";
import type { Signal } from "../live/signals";
import type { CategoryActivity, ChannelActivity } from "../unread/activity";
import type { UserEvent } from "./on-event";

interface Services {
  db: Database;
  realtime: { bus: EventBus };
}

/**
 * The channels and categories one user can see in each of their servers, for `user.onEvent` to
 * filter activity in memory. It comes from each server's state shared by every subscription in
 * this process (live/server-state.ts): read once for all of them, again once after a change of
 * who sees what, of a channel or of a category.
 */
export class Visibility {
  private readonly holds = new Map<string, ServerStateHold>();
  private readonly visible = new Map<string, Sight>();

  constructor(
    private readonly services: Services,
    private readonly userId: bigint,
  ) {}

  /**
   * Holds the state of these servers of the user's and reads what they see there (the stale
   * states in one batch), as of `cause` at least (their joining, heard on their own topic).
   */
  async load(serverIds: Iterable<string>, cause?: Signal): Promise<void> {
    const servers = [...serverIds];
    const holds = servers.map((serverId) => this.hold(serverId));
    const states = await serverStates(this.services).states(holds, cause);
    servers.forEach((serverId, i) => this.visible.set(serverId, states[i]!.sightOf(this.userId) ?? empty()));
  }

  sees(serverId: string, channelId: string): boolean {
    return this.visible.get(serverId)?.channels.has(channelId) ?? false;
  }

  forget(serverId: string): void {
    this.holds.get(serverId)?.release();
    this.holds.delete(serverId);
    this.visible.delete(serverId);
  }

  /**
   * What the user sees in the server after `change` (`cause`, the signal: a channel's or a
   * category's activity, or a change of who sees what); answers the events that tell them:
   * channels and categories that appeared come as created, those gone as deleted, and a change to
   * one they still see as it is. A category they do not see (none of its channels, and they do
   * not manage categories) tells them nothing.
   */
  async reload(serverId: string, cause: Signal, change?: ChannelActivity | CategoryActivity): Promise<UserEvent[]> {
    const hold = this.holds.get(serverId);
    if (!hold) return [];
    const last = this.visible.get(serverId) ?? empty();
    const now = (await hold.state(cause)).sightOf(this.userId) ?? empty();
    this.visible.set(serverId, now);
    const events: UserEvent[] = [];
    for (const [id, category] of now.categories) if (!last.categories.has(id)) events.push({ type: "category", action: "created", serverId, category });
    for (const id of last.channels.keys()) if (!now.channels.has(id)) events.push({ type: "channel", action: "deleted", serverId, channel: { id } });
    for (const [id, channel] of now.channels) if (!last.channels.has(id)) events.push({ type: "channel", action: "created", serverId, channel });
    if (change && change.action !== "created" && change.action !== "deleted") {
      const seen = change.type === "channel" ? [last.channels, now.channels] : [last.categories, now.categories];
      const id = change.type === "channel" ? change.channel.id : change.category.id;
      if (seen.every((map) => map.has(id))) events.push(change);
    }
    for (const id of last.categories.keys()) if (!now.categories.has(id)) events.push({ type: "category", action: "deleted", serverId, category: { id } });
    return events;
  }

  /** The servers the user is in now. */
  async memberships(): Promise<Set<string>> {
    const { db } = this.services;
    const rows = await db.select({ serverId: serverMembers.serverId }).from(serverMembers).where(eq(serverMembers.userId, this.userId));
    return new Set(rows.map((row) => String(row.serverId)));
  }

  private hold(serverId: string): ServerStateHold {
    let hold = this.holds.get(serverId);
    if (!hold) this.holds.set(serverId, (hold = serverStates(this.services).hold(BigInt(serverId))));
    return hold;
  }
}

const empty = (): Sight => ({ channels: new Map(), categories: new Map() });
