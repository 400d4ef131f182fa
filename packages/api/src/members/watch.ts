import { fail } from "@chat/policy/errors";
import { type Action, authorize } from "@chat/policy/permissions";

import type { Context } from "../core/trpc";
import { type ServerStateHold, checkFromState, serverStates } from "../live/server-state";
import type { Signal } from "../live/signals";
import { explainingRemoval, loadMembership } from "./membership";

/** A live subscription's access to a server and the server's members, read again on the signals that may change them. */
export interface ServerWatch {
  /** Throws unless the user may still do the action in the server. */
  recheck(cause?: Signal): Promise<void>;
  /** The server's members as of every change heard (`cause` included). */
  memberIds(cause?: Signal): Promise<bigint[]>;
  /** The subscription ended. */
  release(): void;
}

/**
 * Watches a subscriber's place in a server from the server's state shared by all its subscriptions
 * in this process (read once, then once per change for all of them, not once per subscription),
 * as `watchChannelAccess` does for a channel.
 */
export function watchServer(ctx: Pick<Context, "db" | "realtime">, serverId: bigint, userId: bigint, action: Action): ServerWatch {
  let hold: ServerStateHold | undefined;
  const state = (cause?: Signal) => (hold ??= serverStates(ctx).hold(serverId)).state(cause);
  return {
    recheck: (cause) =>
      explainingRemoval(cause, userId, () =>
        checkFromState(
          cause,
          async () => {
            const membership = (await state(cause)).membership(userId);
            if (!membership) throw fail.notFound("Server");
            authorize(action, membership);
          },
          async () => authorize(action, await loadMembership(ctx.db, serverId, userId)),
        ),
      ),
    memberIds: async (cause) => (await state(cause)).memberIds(),
    release: () => hold?.release(),
  };
}
