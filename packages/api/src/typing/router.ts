import { channelIdInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";

import { watchChannelAccess } from "../channels/access";
import { enforceRateLimit } from "../core/rate-limit";
import { channelProcedure } from "../core/trpc";
import { startTyping, typingStream } from "./stream";

/** Who is typing in the channel: the current list, then the list after every change. */
const onEvent = channelProcedure("message.read", channelIdInput).subscription(({ ctx, signal }) =>
  typingStream({
    ctx,
    channel: ctx.channel,
    signal,
    access: watchChannelAccess(ctx, ctx.channel, ctx.user.id, "message.read"),
  }),
);

export const typingRouter = {
  /** "I am typing": counts for a few seconds; clients repeat it at most every 3 s while typing. */
  start: channelProcedure("message.send", channelIdInput).mutation(async ({ ctx }) => {
    await enforceRateLimit(ctx.rateLimiter, "typingStart", `${ctx.user.id}:${ctx.channel.id}`);
    await startTyping(ctx, ctx.channel.id, { userId: String(ctx.user.id), username: ctx.user.username });
    return { ok: true as const };
  }),

  onEvent,

  /** @deprecated Renamed `typing.onEvent` (subscriptions are all `onEvent`); this name goes in the next release. */
  onChange: onEvent,
} satisfies TRPCRouterRecord;
