import type { TRPCRouterRecord } from "@trpc/server";

import { authedProcedure } from "../core/trpc";
import type { RemovalReason } from "../members/removal";
import { userEventStream } from "../users/on-event";

/** @deprecated `user.onEvent` carries it: a `membership` event with action `kicked` or `banned`. */
export interface AccountEvent {
  type: "removed";
  serverId: string;
  serverName: string;
  reason: RemovalReason;
  banReason: string | null;
}

export const accountRouter = {
  /**
   * @deprecated Merged into `user.onEvent`, whose `membership` events with action `kicked` or
   * `banned` carry the same (with `banReason`). Kept for one release for clients that still open
   * it: the removals of `user.onEvent`, in this older shape.
   */
  onEvent: authedProcedure.subscription(async function* ({ ctx, signal }) {
    for await (const event of userEventStream({ ctx, signal })) {
      if (event.type !== "membership" || (event.action !== "kicked" && event.action !== "banned")) continue;
      const { serverId, serverName, action, banReason } = event;
      yield { type: "removed", serverId, serverName, reason: action, banReason } satisfies AccountEvent;
    }
  }),
} satisfies TRPCRouterRecord;
