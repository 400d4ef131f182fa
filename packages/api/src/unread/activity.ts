import type { ChannelDto } from "../channels/dto";
import type { Context } from "../core/trpc";
import type { MemberDto } from "../members/dto";
import { type Signal, topics } from "../live/signals";
import type { MessageSnapshotDto } from "../messages/dto";
import type { ChannelEvent } from "../messages/events";

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
  | { type: "serverDeleted"; serverId: string }
  /** A member's shown state changed (a timeout set or lifted): member lists follow. */
  | { type: "member"; serverId: string; member: MemberDto };

const EXCERPT_LENGTH = 140;

/** Tells the server's members (their `user.onEvent`) what happened. After commit; not awaited by callers' results. */
export async function publishActivity(ctx: Pick<Context, "realtime" | "log">, activity: Activity): Promise<void> {
  const topic = topics.activity(activity.serverId);
  await ctx.realtime.bus
    .publish(topic, { kind: "activity", activity } satisfies Signal)
    .catch((err: unknown) => ctx.log.warn({ err, topic }, "publishing server activity failed"));
}

/** The activity of a new message: who it concerns travels with it, so no subscriber reads the database. */
export function messageActivity(channel: { id: bigint; serverId: bigint; name: string }, message: MessageSnapshotDto): Activity {
  return {
    type: "message",
    serverId: String(channel.serverId),
    channelId: String(channel.id),
    channelName: channel.name,
    messageId: message.id,
    author: message.author,
    excerpt: message.content.slice(0, EXCERPT_LENGTH),
    mentionedIds: message.mentionIds,
    everyone: message.mentionsEveryone,
    replyToAuthorId: message.replyTo?.author?.id ?? null,
  };
}

/** What the server's members hear of a channel event: new messages bump unread counts, deletions may lower them. */
function activityOf(channel: { id: bigint; serverId: bigint; name: string }, event: ChannelEvent): Activity | null {
  if (event.type === "created") return messageActivity(channel, event.message);
  if (event.type === "deleted") {
    return { type: "messageDeleted", serverId: String(channel.serverId), channelId: String(channel.id), messageId: event.message.id };
  }
  return null;
}

/** After a channel event commits: the server's members hear of it, if it changes their unread counts. */
export async function announceActivity(ctx: Pick<Context, "realtime" | "log">, channel: { id: bigint; serverId: bigint; name: string }, event: ChannelEvent) {
  const activity = activityOf(channel, event);
  if (activity) await publishActivity(ctx, activity);
}
