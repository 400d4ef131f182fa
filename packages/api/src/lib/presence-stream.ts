import { type Database, eq, serverMembers } from "@chat/db";

import type { Context } from "../trpc";
import { claimSubscription, createInbox, listen } from "./live";
import { type PresenceStatus, topics } from "./signals";

export interface PresenceStreamOptions {
  ctx: Pick<Context, "db" | "realtime" | "connection">;
  serverId: bigint;
  /** Aborts when the client stops the subscription; absent for server-side callers. */
  signal?: AbortSignal;
  recheckAccess: () => Promise<void>;
}

export type PresenceUpdate =
  | { type: "snapshot"; statuses: Array<{ userId: string; status: PresenceStatus }> }
  | { type: "change"; userId: string; status: PresenceStatus };

/**
 * The server's members' statuses: a snapshot first, then each change. When memberships change
 * (or the bus reconnected and may have lost signals) the snapshot is taken again and the
 * differences go out as changes.
 */
export async function* presenceStream({ ctx, serverId, signal, recheckAccess }: PresenceStreamOptions) {
  const release = claimSubscription(ctx.connection);
  const inbox = createInbox(signal);
  let stop = () => {};
  try {
    stop = await listen(ctx.realtime.bus, [topics.server(serverId)], inbox);
    await recheckAccess();
    const known = await statusesOf(ctx, serverId);
    yield { type: "snapshot", statuses: [...known].map(([userId, status]) => ({ userId, status })) } as PresenceUpdate;
    for await (const item of inbox) {
      if (item.kind === "presence") {
        if (known.get(item.userId) === item.status) continue;
        known.set(item.userId, item.status);
        yield { type: "change", userId: item.userId, status: item.status } as PresenceUpdate;
      } else if (item.kind === "access" || item.kind === "resync") {
        await recheckAccess();
        for (const [userId, status] of await statusesOf(ctx, serverId)) {
          if (known.get(userId) === status) continue;
          known.set(userId, status);
          yield { type: "change", userId, status } as PresenceUpdate;
        }
      }
    }
  } finally {
    stop();
    release();
  }
}

async function statusesOf(ctx: Pick<Context, "db" | "realtime">, serverId: bigint) {
  const ids = (await memberIds(ctx.db, serverId)).map(String);
  const online = await ctx.realtime.presence.online(ids);
  return new Map(ids.map((id) => [id, online.has(id) ? "online" : "offline"] as [string, PresenceStatus]));
}

async function memberIds(db: Database, serverId: bigint) {
  const rows = await db.select({ userId: serverMembers.userId }).from(serverMembers).where(eq(serverMembers.serverId, serverId));
  return rows.map((row) => row.userId);
}
