import { type Database, eq, serverMembers } from "@chat/db";

import type { Context } from "../core/trpc";
import { encodeDataResult, rememberLast } from "../live/encode";
import type { Inbox } from "../live/inbox";
import { type Signal, topics } from "../live/signals";
import { subscribe } from "../live/subscribe";
import { type VisibleStatus, visibleStatuses } from "./status";

const PRESENCE_SIGNALS = new Set(["presence", "access"] as const);

export interface PresenceStreamOptions {
  ctx: Pick<Context, "db" | "realtime" | "connection">;
  serverId: bigint;
  /** Aborts when the client stops the subscription; absent for server-side callers. */
  signal?: AbortSignal;
  recheckAccess: (cause?: Signal) => Promise<void>;
}

export type PresenceUpdate =
  | { type: "snapshot"; statuses: Array<{ userId: string } & VisibleStatus> }
  | ({ type: "change"; userId: string } & VisibleStatus);

/**
 * The server's members' statuses as others see them (presence and custom status): a snapshot
 * first, then each change. When memberships change (or the bus reconnected and may have lost
 * signals) the snapshot is taken again and the differences go out as changes; a custom status
 * that lapses goes out as a change when it does.
 */
export function presenceStream({ ctx, serverId, signal, recheckAccess }: PresenceStreamOptions) {
  let timer: NodeJS.Timeout | undefined;
  const known = new Map<string, VisibleStatus>();
  /** Records a status; the change to announce, or null when nothing changed. */
  const update = (userId: string, status: VisibleStatus): PresenceUpdate | null => {
    if (JSON.stringify(known.get(userId)) === JSON.stringify(status)) return null;
    known.set(userId, status);
    return { type: "change", userId, ...status };
  };
  // Wakes the loop when the next custom status lapses.
  const scheduleExpiry = (inbox: Inbox) => {
    clearTimeout(timer);
    const next = Math.min(...[...known.values()].map((status) => status.custom?.expiresAt?.getTime() ?? Infinity));
    if (Number.isFinite(next)) timer = setTimeout(() => inbox.push({ kind: "tick" }), Math.max(0, next - Date.now())).unref();
  };
  return subscribe<PresenceUpdate>({
    ctx,
    signal,
    topics: [topics.server(serverId)],
    kinds: PRESENCE_SIGNALS,
    recheckAccess,
    async *start(inbox) {
      for (const [userId, status] of await statusesOf(ctx, serverId)) known.set(userId, status);
      yield { type: "snapshot", statuses: [...known].map(([userId, status]) => ({ userId, ...status })) };
      scheduleExpiry(inbox);
    },
    async *next(item, inbox) {
      const changes: Array<PresenceUpdate | null> = [];
      if (item.kind === "presence") {
        changes.push(update(item.userId, statusOf(item)));
      } else if (item.kind === "access" || item.kind === "resync") {
        for (const [userId, status] of await statusesOf(ctx, serverId)) changes.push(update(userId, status));
      } else if (item.kind === "tick") {
        const now = Date.now();
        for (const [userId, { status, custom }] of known) {
          if (custom?.expiresAt && custom.expiresAt.getTime() <= now) changes.push(update(userId, { status }));
        }
      }
      for (const change of changes) if (change) yield change;
      scheduleExpiry(inbox);
    },
    close: () => clearTimeout(timer),
    direct(item, inbox) {
      if (item.kind !== "presence") return undefined;
      const change = update(item.userId, statusOf(item));
      scheduleExpiry(inbox);
      return change && encodeChange(item);
    },
  });
}

type PresenceSignal = Extract<Signal, { kind: "presence" }>;

function statusOf(signal: PresenceSignal): VisibleStatus {
  return signal.custom ? { status: signal.status, custom: signal.custom } : { status: signal.status };
}

/** A change follows from its signal alone: encoded once for the server's subscribers. */
const encodeChange = rememberLast((signal: PresenceSignal) => encodeDataResult({ type: "change", userId: signal.userId, ...statusOf(signal) } satisfies PresenceUpdate));

async function statusesOf(ctx: Pick<Context, "db" | "realtime">, serverId: bigint) {
  return visibleStatuses(ctx, await memberIds(ctx.db, serverId));
}

async function memberIds(db: Database, serverId: bigint) {
  const rows = await db.select({ userId: serverMembers.userId }).from(serverMembers).where(eq(serverMembers.serverId, serverId));
  return rows.map((row) => row.userId);
}
