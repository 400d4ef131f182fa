import type { CategoryDto } from "../categories/dto";
import type { ChannelDto } from "../channels/dto";
import type { EmojiDto } from "../emojis/dto";
import type { Context } from "../core/trpc";
import type { MemberDto } from "../members/dto";
import { publishToUser } from "../live/publish";
import { type Signal, topics } from "../live/signals";
import type { MessageSnapshotDto } from "../messages/dto";
import type { RoleDto } from "../roles/dto";
import type { ChannelEvent } from "../messages/events";

/** What happened in a server (or a DM or group: `serverId` null), for its people's unread counts and notifications. */
export type Activity =
  | {
      type: "message";
      serverId: string | null;
      channelId: string;
      channelName: string;
      messageId: string;
      author: { id: string; username: string } | null;
      /** The start of the text, for a notification. */
      excerpt: string;
      /** A group's system line ("Ana added Bo"): it counts as unread but notifies nobody. */
      system: boolean;
      mentionedIds: string[];
      everyone: boolean;
      replyToAuthorId: string | null;
    }
  | { type: "messageDeleted"; serverId: string | null; channelId: string; messageId: string }
  | ChannelActivity
  | CategoryActivity
  | { type: "serverDeleted"; serverId: string }
  /** The server's icon changed or was removed (null). */
  | { type: "serverIcon"; serverId: string; iconUrl: string | null }
  /** A member's shown state changed (a timeout set or lifted, a role given or taken): member lists follow. */
  | { type: "member"; serverId: string; member: MemberDto }
  /** The server's roles changed (created, changed, moved, deleted): all of them, highest first. */
  | { type: "roles"; serverId: string; roles: RoleDto[] }
  /** The server's custom emoji changed (one uploaded, renamed or deleted): all of them, oldest first. */
  | { type: "emojis"; serverId: string; emojis: EmojiDto[] }
  /** Who may see which channels changed (roles, their holders, overwrites): members re-read what they see. */
  | { type: "visibility"; serverId: string };

/** A channel created, changed, deleted, or moved (the others of its old and new group moved with it). */
export type ChannelActivity =
  | { type: "channel"; action: "created" | "updated" | "moved"; serverId: string; channel: ChannelDto }
  | { type: "channel"; action: "deleted"; serverId: string; channel: { id: string } };

/** A category created, renamed, moved or deleted (its channels then became uncategorised). */
export type CategoryActivity =
  | { type: "category"; action: "created" | "updated" | "moved"; serverId: string; category: CategoryDto }
  | { type: "category"; action: "deleted"; serverId: string; category: { id: string } };

const EXCERPT_LENGTH = 140;

/** A server's activity: everything but a DM's or group's messages, which `announceActivity` tells their people one by one. */
type ServerActivity = Activity & { serverId: string };

/** Tells the server's members (their `user.onEvent`) what happened. After commit; not awaited by callers' results. */
export async function publishActivity(ctx: Pick<Context, "realtime" | "log">, activity: ServerActivity): Promise<void> {
  const topic = topics.activity(activity.serverId);
  await ctx.realtime.bus
    .publish(topic, { kind: "activity", activity } satisfies Signal)
    .catch((err: unknown) => ctx.log.warn({ err, topic }, "publishing server activity failed"));
}

/**
 * A channel as its events are announced: a server's, whose members hear of them on its activity
 * topic, or a DM or group, whose recipients hear of them on their own topics (at most ten).
 */
export interface AnnouncedChannel {
  id: bigint;
  serverId: bigint | null;
  name: string;
  /** A DM's or group's people; null for a server's channel. */
  recipientIds: string[] | null;
}

const serverIdOf = (channel: AnnouncedChannel) => (channel.serverId === null ? null : String(channel.serverId));

/** The activity of a new message: who it concerns travels with it, so no subscriber reads the database. */
export function messageActivity(channel: AnnouncedChannel, message: MessageSnapshotDto): Activity {
  return {
    type: "message",
    serverId: serverIdOf(channel),
    channelId: String(channel.id),
    channelName: channel.name,
    messageId: message.id,
    author: message.author,
    excerpt: message.content.slice(0, EXCERPT_LENGTH),
    system: message.kind !== undefined,
    mentionedIds: message.mentionIds,
    everyone: message.mentionsEveryone,
    replyToAuthorId: message.replyTo?.author?.id ?? null,
  };
}

/** What the server's members hear of a channel event: new messages bump unread counts, deletions may lower them. */
function activityOf(channel: AnnouncedChannel, event: ChannelEvent): Activity | null {
  if (event.type === "created") return messageActivity(channel, event.message);
  if (event.type === "deleted") {
    return { type: "messageDeleted", serverId: serverIdOf(channel), channelId: String(channel.id), messageId: event.message.id };
  }
  return null;
}

/** After a channel event commits: the channel's people hear of it, if it changes their unread counts. */
export async function announceActivity(ctx: Pick<Context, "realtime" | "log">, channel: AnnouncedChannel, event: ChannelEvent) {
  const activity = activityOf(channel, event);
  if (!activity) return;
  if (activity.serverId !== null) return publishActivity(ctx, { ...activity, serverId: activity.serverId });
  await Promise.all((channel.recipientIds ?? []).map((userId) => publishToUser(ctx, userId, { kind: "activity", activity })));
}
