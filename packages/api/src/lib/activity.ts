import type { Context } from "../trpc";
import type { MessageSnapshotDto } from "./dto";
import { type Activity, type Signal, topics } from "./signals";

const EXCERPT_LENGTH = 140;

/** Tells the server's members (their `user.onEvent`) what happened. After commit; not awaited by callers' results. */
export async function publishActivity(ctx: Pick<Context, "realtime" | "log">, activity: Activity): Promise<void> {
  const topic = topics.activity(activity.serverId);
  await ctx.realtime.bus
    .publish(topic, { kind: "activity", activity } satisfies Signal)
    .catch((err: unknown) => ctx.log.warn({ err, topic }, "publishing server activity failed"));
}

/** Publishes to the user's own topic: what their other tabs and devices follow. */
export async function publishToUser(ctx: Pick<Context, "realtime" | "log">, userId: bigint | string, signal: Signal): Promise<void> {
  const topic = topics.user(userId);
  await ctx.realtime.bus.publish(topic, signal).catch((err: unknown) => ctx.log.warn({ err, topic }, "publishing to a user failed"));
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
