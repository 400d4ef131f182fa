import type { Context } from "../core/trpc";
import { type Signal, topics } from "./signals";

/** Tells the live subscriptions on `topic` to re-check access: after a leave, a removal, a deletion. */
export async function signalAccessChange(ctx: Pick<Context, "realtime" | "log">, topic: string): Promise<void> {
  await ctx.realtime.bus
    .publish(topic, { kind: "access" } satisfies Signal)
    .catch((err: unknown) => ctx.log.warn({ err, topic }, "publishing an access change failed"));
}

/** Publishes to the user's own topic: what their other tabs and devices follow. */
export async function publishToUser(ctx: Pick<Context, "realtime" | "log">, userId: bigint | string, signal: Signal): Promise<void> {
  const topic = topics.user(userId);
  await ctx.realtime.bus.publish(topic, signal).catch((err: unknown) => ctx.log.warn({ err, topic }, "publishing to a user failed"));
}

/**
 * Who may see which channels of the server changed (roles, their holders, overwrites): its
 * channel streams re-check access, and its members' `user.onEvent` re-reads what they can see.
 */
export async function signalVisibilityChange(ctx: Pick<Context, "realtime" | "log">, serverId: bigint): Promise<void> {
  const topic = topics.activity(serverId);
  const visibility = ctx.realtime.bus
    .publish(topic, { kind: "activity", activity: { type: "visibility", serverId: String(serverId) } } satisfies Signal)
    .catch((err: unknown) => ctx.log.warn({ err, topic }, "publishing a visibility change failed"));
  await Promise.all([signalAccessChange(ctx, topics.server(serverId)), visibility]);
}
