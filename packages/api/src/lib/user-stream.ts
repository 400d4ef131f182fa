import { eq, serverMembers } from "@chat/db";

import type { Context } from "../trpc";
import type { ChannelDto } from "./dto";
import { claimSubscription, createInbox, listen } from "./live";
import { type Activity, type Signal, topics } from "./signals";

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
  /** You joined or left a server, were kicked or banned, or it was deleted. */
  | { type: "membership"; action: "joined" | "left" | "kicked" | "banned" | "deleted"; serverId: string; serverName: string | null };

/**
 * The signed-in user's events across all their servers. It listens to the user's own topic and
 * to the activity topic of each server they are in (one read of the memberships at the start,
 * then kept up to date by the membership signals), and filters each activity for this user in
 * memory: a message to a server of a thousand members costs one publish and no database reads.
 */
interface UserStreamOptions {
  ctx: Pick<Context, "db" | "realtime" | "connection"> & { user: { id: bigint } };
  /** Aborts when the client stops the subscription. */
  signal?: AbortSignal;
}

/** What the user's own topic carries that this stream uses (not `sessionsRevoked`, which closes connections elsewhere). */
const OWN_SIGNALS = new Set(["membership", "removed", "read", "muted"] as const);

export async function* userEventStream({ ctx, signal }: UserStreamOptions) {
  const release = claimSubscription(ctx.connection);
  const inbox = createInbox(signal);
  const me = String(ctx.user.id);
  const servers = new Map<string, () => void>();
  const follow = async (serverId: string) => {
    if (servers.has(serverId)) return;
    servers.set(serverId, await ctx.realtime.bus.subscribe(topics.activity(serverId), (payload) => inbox.push(payload as Signal)));
  };
  const unfollow = (serverId: string) => {
    servers.get(serverId)?.();
    servers.delete(serverId);
  };
  /** Follows exactly the servers the user is in now: at the start, and after signals may have been lost. */
  const followMemberships = async () => {
    const rows = await ctx.db.select({ serverId: serverMembers.serverId }).from(serverMembers).where(eq(serverMembers.userId, ctx.user.id));
    const current = new Set(rows.map((row) => String(row.serverId)));
    for (const serverId of [...servers.keys()]) if (!current.has(serverId)) unfollow(serverId);
    for (const serverId of current) await follow(serverId);
  };
  let stopOwn = () => {};
  try {
    stopOwn = await listen(ctx.realtime.bus, [topics.user(me)], OWN_SIGNALS, inbox);
    await followMemberships();
    yield { type: "sync" } satisfies UserEvent;
    for await (const item of inbox) {
      if (item.kind === "resync") {
        await followMemberships();
        yield { type: "sync" } satisfies UserEvent;
      } else if (item.kind === "membership") {
        if (item.action === "joined") await follow(item.serverId);
        else unfollow(item.serverId);
        yield { type: "membership", action: item.action, serverId: item.serverId, serverName: item.serverName } satisfies UserEvent;
      } else if (item.kind === "removed") {
        unfollow(item.serverId);
        yield { type: "membership", action: item.reason, serverId: item.serverId, serverName: item.serverName } satisfies UserEvent;
      } else if (item.kind === "read") {
        yield { type: "read", serverId: item.serverId, channelId: item.channelId, lastReadId: item.lastReadId } satisfies UserEvent;
      } else if (item.kind === "muted") {
        yield { type: "muted", serverId: item.serverId, muted: item.muted } satisfies UserEvent;
      } else if (item.kind === "activity" && servers.has(item.activity.serverId)) {
        if (item.activity.type === "serverDeleted") unfollow(item.activity.serverId);
        const event = forUser(item.activity, me);
        if (event) yield event;
      }
    }
  } finally {
    stopOwn();
    for (const serverId of [...servers.keys()]) unfollow(serverId);
    release();
  }
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
      return activity;
    case "serverDeleted":
      return { type: "membership", action: "deleted", serverId: activity.serverId, serverName: null };
  }
}
