import type { SubscriptionWriter } from "@chat/realtime";

import type { Context } from "../core/trpc";
import { encodeDataResult, encodeOncePer } from "../live/encode";
import type { Inbox, InboxItem } from "../live/inbox";
import { type Signal, topics } from "../live/signals";
import { type LiveStream, subscribe } from "../live/subscribe";
import type { ServerWatch } from "../members/watch";
import { type VisibleStatus, visibleStatuses } from "./status";

const PRESENCE_SIGNALS = new Set(["presence", "access"] as const);

export interface PresenceStreamOptions {
  ctx: Pick<Context, "db" | "realtime" | "connection">;
  serverId: bigint;
  /** Aborts when the client stops the subscription; absent for server-side callers. */
  signal?: AbortSignal;
  /** The subscriber's access and the server's members (`watchServer`): no statement per subscription when they change. */
  server: ServerWatch;
}

export type PresenceUpdate =
  | { type: "snapshot"; statuses: Array<{ userId: string } & VisibleStatus> }
  | ({ type: "change"; userId: string } & VisibleStatus);

/**
 * The server's members' statuses as others see them (presence and custom status): a snapshot
 * first, then each change. When memberships change, newcomers' statuses go out as changes (the
 * members from the server's shared state: no statement per subscription); when the bus
 * reconnected and may have lost signals, the snapshot is taken again and the differences go out;
 * a custom status that lapses goes out as a change when it does.
 */
export function presenceStream(options: PresenceStreamOptions) {
  return subscribe<PresenceUpdate>(new PresenceStream(options));
}

/** One subscription's view of the statuses; its methods are defined once, not per subscription. */
class PresenceStream implements LiveStream<PresenceUpdate> {
  readonly ctx: PresenceStreamOptions["ctx"];
  readonly signal: AbortSignal | undefined;
  readonly topics: string[];
  readonly kinds = PRESENCE_SIGNALS;
  readonly recheckAccess: ServerWatch["recheck"];
  private readonly server: ServerWatch;
  private readonly known = new Map<string, VisibleStatus>();
  private timer: NodeJS.Timeout | undefined;

  constructor({ ctx, serverId, signal, server }: PresenceStreamOptions) {
    this.ctx = ctx;
    this.signal = signal;
    this.topics = [topics.server(serverId)];
    this.server = server;
    this.recheckAccess = server.recheck;
  }

  async *start(inbox: Inbox) {
    for (const [userId, status] of await this.statuses()) this.known.set(userId, status);
    yield { type: "snapshot" as const, statuses: [...this.known].map(([userId, status]) => ({ userId, ...status })) };
    this.scheduleExpiry(inbox);
  }

  async *next(item: InboxItem, inbox: Inbox) {
    const changes: Array<PresenceUpdate | null> = [];
    if (item.kind === "presence") {
      changes.push(this.update(item.userId, statusOf(item)));
    } else if (item.kind === "access") {
      // Those who stay are followed by their own signals: only newcomers are read.
      const newcomers = (await this.server.memberIds(item)).filter((userId) => !this.known.has(String(userId)));
      if (newcomers.length > 0) for (const [userId, status] of await visibleStatuses(this.ctx, newcomers)) changes.push(this.update(userId, status));
    } else if (item.kind === "resync") {
      for (const [userId, status] of await this.statuses()) changes.push(this.update(userId, status));
    } else if (item.kind === "tick") {
      const now = Date.now();
      for (const [userId, { status, custom }] of this.known) {
        if (custom?.expiresAt && custom.expiresAt.getTime() <= now) changes.push(this.update(userId, { status }));
      }
    }
    for (const change of changes) if (change) yield change;
    this.scheduleExpiry(inbox);
  }

  close() {
    clearTimeout(this.timer);
    this.server.release();
  }

  direct(item: Signal, writer: SubscriptionWriter, inbox: Inbox) {
    if (item.kind !== "presence") return false;
    const change = this.update(item.userId, statusOf(item));
    this.scheduleExpiry(inbox);
    if (change) writer.write(encodeChange(item));
    return true;
  }

  /** The members' statuses as others see them. */
  private async statuses() {
    return visibleStatuses(this.ctx, await this.server.memberIds());
  }

  /** Records a status; the change to announce, or null when nothing changed. */
  private update(userId: string, status: VisibleStatus): PresenceUpdate | null {
    if (JSON.stringify(this.known.get(userId)) === JSON.stringify(status)) return null;
    this.known.set(userId, status);
    return { type: "change", userId, ...status };
  }

  /** Wakes the loop when the next custom status lapses. */
  private scheduleExpiry(inbox: Inbox) {
    clearTimeout(this.timer);
    const next = Math.min(...[...this.known.values()].map((status) => status.custom?.expiresAt?.getTime() ?? Infinity));
    if (Number.isFinite(next)) this.timer = setTimeout(() => inbox.push({ kind: "tick" }), Math.max(0, next - Date.now())).unref();
  }
}

type PresenceSignal = Extract<Signal, { kind: "presence" }>;

function statusOf(signal: PresenceSignal): VisibleStatus {
  return signal.custom ? { status: signal.status, custom: signal.custom } : { status: signal.status };
}

/** A change follows from its signal alone: encoded once for the server's subscribers. */
const encodeChange = encodeOncePer((signal: PresenceSignal) => encodeDataResult({ type: "change", userId: signal.userId, ...statusOf(signal) } satisfies PresenceUpdate));
