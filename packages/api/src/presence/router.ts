import { serverIdInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";

import { serverProcedure } from "../core/trpc";
import { watchServer } from "../members/watch";
import { presenceStream } from "./stream";

/** The server's members online or offline, with their custom status: a snapshot, then each change. */
const onEvent = serverProcedure("member.read", serverIdInput).subscription(({ ctx, signal }) =>
  presenceStream({
    ctx,
    serverId: ctx.membership.serverId,
    signal,
    server: watchServer(ctx, ctx.membership.serverId, ctx.user.id, "member.read"),
  }),
);

export const presenceRouter = {
  onEvent,

  /** @deprecated Renamed `presence.onEvent` (subscriptions are all `onEvent`); this name goes in the next release. */
  onChange: onEvent,
} satisfies TRPCRouterRecord;
