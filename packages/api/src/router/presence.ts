import { serverIdInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";

import { assertServerAccess } from "../lib/access";
import { presenceStream } from "../lib/presence-stream";
import { serverProcedure } from "../trpc";

export const presenceRouter = {
  /** The server's members online or offline: a snapshot, then each change. */
  onChange: serverProcedure("member.read", serverIdInput).subscription(({ ctx, signal }) =>
    presenceStream({
      ctx,
      serverId: ctx.membership.serverId,
      signal,
      recheckAccess: (cause) => assertServerAccess(ctx.db, ctx.membership.serverId, ctx.user.id, "member.read", cause),
    }),
  ),
} satisfies TRPCRouterRecord;
