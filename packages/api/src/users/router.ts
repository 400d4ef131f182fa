import type { TRPCRouterRecord } from "@trpc/server";

import { authedProcedure } from "../core/trpc";
import { userEventStream } from "./on-event";

export const userRouter = {
  /**
   * The signed-in user's events across their servers: unread bumps, mentions and replies, read
   * state from other tabs, mutes, channel changes and membership (a kick or ban with its reason).
   * Not resumable: the first item is `sync`, on which a client refetches its counts (and again
   * whenever events may have been lost).
   */
  onEvent: authedProcedure.subscription(({ ctx, signal }) => userEventStream({ ctx, signal })),
} satisfies TRPCRouterRecord;
