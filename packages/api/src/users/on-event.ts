import { eq, serverMembers } from "@chat/db";

import type { ChannelDto } from "../channels/dto";
import type { Context } from "../core/trpc";
import type { Inbox } from "../live/inbox";
import { type Signal, topics } from "../live/signals";
import { subscribe } from "../live/subscribe";
import type { MemberDto } from "../members/dto";
import type { RemovalReason } from "../members/removal";
import type { Activity } from "../unread/activity";

/** What `user.onEvent` yields: what the open channel's stream does not carry. */
export type UserEvent =
  /** First, and again after the bus reconnected (events may have been lost): refetch the counts. */
  | { type: "sync" }
  /** A new message by someone else in one of your channels; `preview` when it mentions or answers you. */
  | {
      type: "message";
      serverId: string;
      channelId: string;
      messageId: string;
      mentioned: boolean;
      reply: boolean;
      preview: { author: string | null; channelName: string; excerpt: string } | null;
    }
  | { type: "messageDeleted"; serverId: string; channelId: string; messageId: string }
  /** Your read position moved (in this tab or another). */
  | { type: "read"; serverId: string; channelId: string; lastReadId: string }
  | { type: "muted"; serverId: string; muted: boolean }
  | { type: "channel"; action: "created" | "updated"; serverId: string; channel: ChannelDto }
  | { type: "channel"; action: "deleted"; serverId: string; channel: { id: string } }
  /** A member of one of your servers changed: timed out, or their timeout lifted. */
  | { type: "member"; serverId: string; member: MemberDto }
  /** You joined or left a server (in this tab or another), or it was deleted. */
  | { type: "membership"; action: "joined" | "left" | "deleted"; serverId: string; serverName: string | null }
  /** You were kicked or banned from a server, with the ban's reason: say why the server went away. */
  | { type: "membership"; action: RemovalReason; serverId: string; serverName: string; banReason: string | null };

interface UserStreamOptions {
  ctx: Pick<Context, "db" | "realtime" | "connection"> & { user: { id: bigint } };
  /** Aborts when the client stops the subscription. */
  signal?: AbortSignal;
}

/** What the user's own topic carries that this stream uses (not `sessionsRevoked`, which closes connections elsewhere). */
const OWN_SIGNALS = new Set(["membership", "removed", "read", "muted"] as const);

/**
 * The signed-in user's events across all their servers. It listens to the user's own topic and
 * to the activity topic of each server they are in (one read of the memberships at the start,
 * then kept up to date by the membership signals), and filters each activity for this user in
 * memory: a message to a server of a thousand members costs one publish and no database reads.
 */
export function userEventStream({ ctx, signal }: UserStreamOptions) {
  const me = String(ctx.user.id);
  const servers = new Map<string, () => void>();
  const follow = async (serverId: string, inbox: Inbox) => {
    if (servers.has(serverId)) return;
    servers.set(serverId, await ctx.realtime.bus.subscribe(topics.activity(serverId), (payload) => inbox.push(payload as Signal)));
  };
  const unfollow = (serverId: string) => {
    servers.get(serverId)?.();
    servers.delete(serverId);
  };
  /** Follows exactly the servers the user is in now: at the start, and after signals may have been lost. */
  const followMemberships = async (inbox: Inbox) => {
    const rows = await ctx.db.select({ serverId: serverMembers.serverId }).from(serverMembers).where(eq(serverMembers.userId, ctx.user.id));
    const current = new Set(rows.map((row) => String(row.serverId)));
    for (const serverId of [...servers.keys()]) if (!current.has(serverId)) unfollow(serverId);
    for (const serverId of current) await follow(serverId, inbox);
  };
  return subscribe<UserEvent>({
    ctx,
    signal,
    topics: [topics.user(me)],
    kinds: OWN_SIGNALS,
    async *start(inbox) {
      await followMemberships(inbox);
      yield { type: "sync" };
    },
    async *next(item, inbox) {
      if (item.kind === "resync") {
        await followMemberships(inbox);
        yield { type: "sync" };
      } else if (item.kind === "membership") {
        if (item.action === "joined") await follow(item.serverId, inbox);
        else unfollow(item.serverId);
        yield { type: "membership", action: item.action, serverId: item.serverId, serverName: item.serverName };
      } else if (item.kind === "removed") {
        unfollow(item.serverId);
        const { serverId, serverName, reason, banReason } = item;
        yield { type: "membership", action: reason, serverId, serverName, banReason };
      } else if (item.kind === "read") {
        yield { type: "read", serverId: item.serverId, channelId: item.channelId, lastReadId: item.lastReadId };
      } else if (item.kind === "muted") {
        yield { type: "muted", serverId: item.serverId, muted: item.muted };
      } else if (item.kind === "activity" && servers.has(item.activity.serverId)) {
        if (item.activity.type === "serverDeleted") unfollow(item.activity.serverId);
        const event = forUser(item.activity, me);
        if (event) yield event;
      }
    },
    close: () => {
      for (const serverId of [...servers.keys()]) unfollow(serverId);
    },
  });
}

/** What an activity means to user `me`, or null when it means nothing (their own message). */
export function forUser(activity: Activity, me: string): UserEvent | null {
  switch (activity.type) {
    case "message": {
      if (activity.author?.id === me) return null;
      const mentioned = activity.everyone || activity.mentionedIds.includes(me);
      const reply = activity.replyToAuthorId === me;
      const { serverId, channelId, messageId, channelName, excerpt } = activity;
      const preview = mentioned || reply ? { author: activity.author?.username ?? null, channelName, excerpt } : null;
      return { type: "message", serverId, channelId, messageId, mentioned, reply, preview };
    }
    case "messageDeleted":
      return activity;
    case "channel":
    case "member":
      return activity;
    case "serverDeleted":
      return { type: "membership", action: "deleted", serverId: activity.serverId, serverName: null };
  }
}
