import type { RelationshipKind } from "@chat/db";
import type { ChannelNotifyLevel, NotifyLevel } from "@chat/validators";

import type { ConversationSummaryDto } from "../conversations/dto";
import type { Context } from "../core/trpc";
import type { EmojiDto } from "../emojis/dto";
import type { Inbox } from "../live/inbox";
import { type Signal, topics } from "../live/signals";
import { subscribe } from "../live/subscribe";
import type { MemberDto } from "../members/dto";
import type { RemovalReason } from "../members/removal";
import type { VisibleStatus } from "../presence/status";
import type { UserSummaryDto } from "../relationships/dto";
import type { RoleDto } from "../roles/dto";
import type { Activity, CategoryActivity, ChannelActivity } from "../unread/activity";
import { blockedIds } from "../relationships/store";
import { NotifyLevels } from "../unread/notify-levels";
import { Visibility } from "./visibility";

/** What `user.onEvent` yields: what the open channel's stream does not carry. */
export type UserEvent =
  /** First, and again after the bus reconnected (events may have been lost): refetch the counts. */
  | { type: "sync" }
  /**
   * A new message by someone else in one of your channels (`serverId` null: a DM or group); `preview` when it notifies
   * you by your level there: it mentions or answers you, or you chose "all" (a DM's or group's always; "nothing", never).
   */
  | {
      type: "message";
      serverId: string | null;
      channelId: string;
      messageId: string;
      mentioned: boolean;
      reply: boolean;
      preview: { author: string | null; channelName: string; excerpt: string } | null;
    }
  | { type: "messageDeleted"; serverId: string | null; channelId: string; messageId: string }
  /** Your read position moved (in this tab or another). */
  | { type: "read"; serverId: string | null; channelId: string; lastReadId: string }
  | { type: "muted"; serverId: string; muted: boolean }
  /** You muted or unmuted a DM or group (in this tab or another). */
  | { type: "muted"; serverId: null; channelId: string; muted: boolean }
  /** You chose which messages of a server, or of one of its channels ("default": the server's), notify you (in this tab or another). */
  | { type: "notify"; serverId: string; channelId: null; level: NotifyLevel }
  | { type: "notify"; serverId: string; channelId: string; level: ChannelNotifyLevel }
  /** The server's channel list or sidebar layout changed: lists follow. */
  | ChannelActivity
  | CategoryActivity
  /** A member of one of your servers changed: timed out or their timeout lifted, a role given or taken. */
  | { type: "member"; serverId: string; member: MemberDto }
  /** A server's roles changed: all of them, highest first (your own permissions may have changed with them). */
  | { type: "roles"; serverId: string; roles: RoleDto[] }
  /** A server's icon changed or was removed (null). */
  | { type: "serverIcon"; serverId: string; iconUrl: string | null }
  /** A server's custom emoji changed: all of them, oldest first. */
  | { type: "emojis"; serverId: string; emojis: EmojiDto[] }
  /** You joined or left a server (in this tab or another), or it was deleted. */
  | { type: "membership"; action: "joined" | "left" | "deleted"; serverId: string; serverName: string | null }
  /** You were kicked or banned from a server, with the ban's reason: say why the server went away. */
  | { type: "membership"; action: RemovalReason; serverId: string; serverName: string; banReason: string | null }
  /** A friend's status changed (they connected, left, or set a status). */
  | ({ type: "presence"; userId: string } & VisibleStatus)
  /** A DM or group of yours was opened or changed (its people, its name), or you left it or were removed. */
  | { type: "conversation"; action: "updated"; conversation: ConversationSummaryDto }
  | { type: "conversation"; action: "left"; conversation: { id: string } }
  /** How you now stand towards `user`, from your side (null: no longer related): a request, a friendship, a block. */
  | { type: "relationship"; user: UserSummaryDto; relationship: RelationshipKind | null };

interface UserStreamOptions {
  ctx: Pick<Context, "db" | "realtime" | "connection"> & { user: { id: bigint } };
  /** Aborts when the client stops the subscription. */
  signal?: AbortSignal;
}

/** What the user's own topic carries that this stream uses (not `sessionsRevoked`, which closes connections elsewhere). */
const OWN_SIGNALS = new Set(["membership", "removed", "read", "muted", "notify", "relationship", "presence", "activity", "conversation"] as const);

/**
 * The signed-in user's events across all their servers. It listens to the user's own topic and
 * to the activity topic of each server they are in (one read of the memberships at the start;
 * what they can see comes from each server's state shared by every stream in the process, kept
 * current by the membership and visibility signals), and filters each activity for this user in
 * memory: a message to a server of a thousand members costs one publish and no database reads,
 * and a channel or category they cannot see tells them nothing.
 */
export function userEventStream({ ctx, signal }: UserStreamOptions) {
  const me = String(ctx.user.id);
  const servers = new Map<string, () => void>();
  const visibility = new Visibility(ctx, ctx.user.id);
  /** Whom the user blocked: their mentions and replies do not notify. Read at the start and on resync, kept by relationship events. */
  let blocked = new Set<string>();
  /** Which messages notify the user, per server and channel: read at the start, on resync and on joining, kept by their `notify` signals. */
  const levels = new NotifyLevels(ctx.db, ctx.user.id);
  const follow = async (serverId: string, inbox: Inbox) => {
    if (servers.has(serverId)) return;
    servers.set(serverId, await ctx.realtime.bus.subscribe(topics.activity(serverId), (payload) => inbox.push(payload as Signal)));
  };
  const unfollow = (serverId: string) => {
    servers.get(serverId)?.();
    servers.delete(serverId);
    visibility.forget(serverId);
  };
  /** Follows exactly the servers the user is in now: at the start, and after signals may have been lost. */
  const followMemberships = async (inbox: Inbox) => {
    const current = await visibility.memberships();
    for (const serverId of [...servers.keys()]) if (!current.has(serverId)) unfollow(serverId);
    for (const serverId of current) await follow(serverId, inbox);
    // Once listening: what arrives meanwhile waits in the inbox until this is read.
    await visibility.load(current);
    blocked = new Set((await blockedIds(ctx.db, ctx.user.id)).map(String));
    await levels.load();
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
        if (item.action === "joined") {
          await follow(item.serverId, inbox);
          await visibility.load([item.serverId], item);
          await levels.load(item.serverId);
        } else unfollow(item.serverId);
        yield { type: "membership", action: item.action, serverId: item.serverId, serverName: item.serverName };
      } else if (item.kind === "removed") {
        unfollow(item.serverId);
        const { serverId, serverName, reason, banReason } = item;
        yield { type: "membership", action: reason, serverId, serverName, banReason };
      } else if (item.kind === "read") {
        yield { type: "read", serverId: item.serverId, channelId: item.channelId, lastReadId: item.lastReadId };
      } else if (item.kind === "muted") {
        yield item.serverId === null
          ? { type: "muted", serverId: null, channelId: item.channelId, muted: item.muted }
          : { type: "muted", serverId: item.serverId, muted: item.muted };
      } else if (item.kind === "notify") {
        levels.apply(item);
        yield item.channelId === null
          ? { type: "notify", serverId: item.serverId, channelId: null, level: item.level }
          : { type: "notify", serverId: item.serverId, channelId: item.channelId, level: item.level };
      } else if (item.kind === "presence") {
        yield { type: "presence", userId: item.userId, status: item.status, ...(item.custom && { custom: item.custom }) };
      } else if (item.kind === "relationship") {
        if (item.relationship === "blocked") blocked.add(item.user.id);
        else blocked.delete(item.user.id);
        yield { type: "relationship", user: item.user, relationship: item.relationship };
      } else if (item.kind === "conversation") {
        yield item.action === "left"
          ? { type: "conversation", action: "left", conversation: item.conversation }
          : { type: "conversation", action: "updated", conversation: item.conversation };
      } else if (item.kind === "activity") {
        const { activity } = item;
        const serverId = activity.serverId;
        if (serverId === null) {
          // A DM's or group's, told to each of its people on their own topic.
          const event = forUser(activity, me, blocked);
          if (event) yield event;
        } else if (!servers.has(serverId)) {
          return;
        } else if (activity.type === "visibility" || activity.type === "channel" || activity.type === "category") {
          // Who sees which channel changed, or a channel or category did: look again at what this
          // user sees, and tell them of what appeared or went away as if created or deleted.
          yield* await visibility.reload(serverId, item, activity.type === "visibility" ? undefined : activity);
        } else {
          if (activity.type === "serverDeleted") unfollow(serverId);
          if (!("channelId" in activity) || visibility.sees(serverId, activity.channelId)) {
            const event = forUser(activity, me, blocked, activity.type === "message" ? levels.of(serverId, activity.channelId) : undefined);
            if (event) yield event;
          }
        }
      }
    },
    close: () => {
      for (const serverId of [...servers.keys()]) unfollow(serverId);
    },
  });
}

/**
 * What an activity means to user `me`, or null when it means nothing (their own message). A
 * message from someone they blocked still counts as unread but never mentions or answers them,
 * nor notifies them in a group. `level`: their notification level in the server's channel
 * (`NotifyLevels.of`); a DM or group has none.
 */
export function forUser(activity: Activity, me: string, blocked: ReadonlySet<string>, level: NotifyLevel = "mentions"): UserEvent | null {
  switch (activity.type) {
    case "message": {
      if (activity.author?.id === me) return null;
      const heard = !activity.author || !blocked.has(activity.author.id);
      const mentioned = heard && (activity.everyone || activity.mentionedIds.includes(me));
      const reply = heard && activity.replyToAuthorId === me;
      const { serverId, channelId, messageId, channelName, excerpt } = activity;
      // In a DM or group every message is for you, as a mention is in a server; its system lines are not messages to anyone.
      // In a server the level decides; "nothing" silences even a mention, which still counts.
      const inConversation = serverId === null;
      const notifies =
        !activity.system && (inConversation || level === "all" ? heard : level === "mentions" && (mentioned || reply));
      const preview = notifies ? { author: activity.author?.username ?? null, channelName, excerpt } : null;
      return { type: "message", serverId, channelId, messageId, mentioned, reply, preview };
    }
    case "messageDeleted":
      return activity;
    case "channel":
    case "category":
    case "member":
    case "roles":
    case "serverIcon":
    case "emojis":
      return activity;
    case "visibility":
      return null;
    case "serverDeleted":
      return { type: "membership", action: "deleted", serverId: activity.serverId, serverName: null };
  }
}
