import { channelIdInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";

import { assertChannelAccess } from "../lib/access";
import { enforceRateLimit } from "../lib/rate-limit";
import { startTyping, typingStream } from "../lib/typing-stream";
import { channelProcedure } from "../trpc";

export const typingRouter = {
  /** "I am typing": counts for a few seconds; clients repeat it at most every 3 s while typing. */
  start: channelProcedure("message.send", channelIdInput).mutation(async ({ ctx }) => {
    await enforceRateLimit(ctx.rateLimiter, "typingStart", `${ctx.user.id}:${ctx.channel.id}`);
    await startTyping(ctx, ctx.channel.id, { userId: String(ctx.user.id), username: ctx.user.username });
    return { ok: true as const };
  }),

  /** Who is typing in the channel: the current list, then the list after every change. */
  onChange: channelProcedure("message.read", channelIdInput).subscription(({ ctx, signal }) =>
    typingStream({
      ctx,
      channel: ctx.channel,
      signal,
      recheckAccess: (cause) => assertChannelAccess(ctx.db, ctx.channel.id, ctx.user.id, "message.read", cause),
    }),
  ),
} satisfies TRPCRouterRecord;
