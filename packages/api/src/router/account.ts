import type { TRPCRouterRecord } from "@trpc/server";

import { claimSubscription, createInbox, listen } from "../lib/live";
import { type RemovalReason, topics } from "../lib/signals";
import { authedProcedure } from "../trpc";

export interface AccountEvent {
  type: "removed";
  serverId: string;
  serverName: string;
  reason: RemovalReason;
  banReason: string | null;
}

export const accountRouter = {
  /**
   * What happens to the signed-in user: being kicked or banned from a server (with the ban's
   * reason), so that the app can say why the server went away.
   */
  onEvent: authedProcedure.subscription(async function* ({ ctx, signal }) {
    const release = claimSubscription(ctx.connection);
    const inbox = createInbox(signal);
    let stop = () => {};
    try {
      stop = await listen(ctx.realtime.bus, [topics.user(ctx.user.id)], new Set(["removed"] as const), inbox);
      for await (const item of inbox) {
        if (item.kind !== "removed") continue;
        const { serverId, serverName, reason, banReason } = item;
        yield { type: "removed", serverId, serverName, reason, banReason } satisfies AccountEvent;
      }
    } finally {
      stop();
      release();
    }
  }),
} satisfies TRPCRouterRecord;
