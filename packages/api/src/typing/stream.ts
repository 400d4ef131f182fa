import type { SubscriptionWriter, Typer } from "@chat/realtime";

import type { ChannelAccessWatch } from "../channels/access";
import type { Context } from "../core/trpc";
import { encodeDataResult, rememberLast } from "../live/encode";
import type { Inbox, InboxItem } from "../live/inbox";
import { type Signal, channelTopics, topics } from "../live/signals";
import { type LiveStream, subscribe } from "../live/subscribe";

/** How long a `typing.start` counts; clients repeat it at most every 3 s while typing. */
export const TYPING_TTL_MS = 6_000;
/** Message events share the channel's topic and presence the server's; a typing stream wakes only for these. */
const TYPING_SIGNALS = new Set(["typing", "access"] as const);

type Ctx = Pick<Context, "realtime" | "connection">;

/** Marks the user typing and tells the channel's subscribers. */
export async function startTyping(ctx: Ctx, channelId: bigint, typer: Typer): Promise<void> {
  const at = Date.now();
  const expiresAt = at + TYPING_TTL_MS;
  await ctx.realtime.typing.start(String(channelId), { ...typer, expiresAt });
  await ctx.realtime.bus.publish(topics.channel(channelId), { kind: "typing", ...typer, expiresAt, at });
}

/** The user's message arrived: they are no longer typing. */
export async function stopTyping(ctx: Ctx, channelId: bigint, typer: Typer): Promise<void> {
  const at = Date.now();
  // Most senders were not typing (a bot, a paste): then there is no change to tell anyone.
  if (!(await ctx.realtime.typing.stop(String(channelId), typer.userId))) return;
  await ctx.realtime.bus.publish(topics.channel(channelId), { kind: "typing", ...typer, expiresAt: null, at });
}

export interface TypingStreamOptions {
  ctx: Ctx;
  channel: { id: bigint; serverId: bigint | null };
  /** Aborts when the client stops the subscription; absent for server-side callers. */
  signal?: AbortSignal;
  /** The caller's access to the channel: losing it ends the subscription with that error. */
  access: ChannelAccessWatch;
}

/** The channel's typers: the current list first, then the list again after every change. */
export function typingStream(options: TypingStreamOptions) {
  return subscribe<Typer[]>(new TypingStream(options));
}

/** One subscription's typers; its methods are defined once, not per subscription. */
class TypingStream implements LiveStream<Typer[]> {
  readonly ctx: Ctx;
  readonly signal: AbortSignal | undefined;
  readonly topics: string[];
  readonly kinds = TYPING_SIGNALS;
  readonly recheckAccess: ChannelAccessWatch["recheck"];
  private readonly access: ChannelAccessWatch;
  private readonly channelId: bigint;
  private readonly typers = new Map<string, { username: string; expiresAt: number }>();
  private readonly lastChange = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private shown: { list: Typer[]; key: string } = { list: [], key: "" };

  constructor({ ctx, channel, signal, access }: TypingStreamOptions) {
    this.ctx = ctx;
    this.signal = signal;
    this.topics = channelTopics(channel);
    this.access = access;
    this.recheckAccess = access.recheck;
    this.channelId = channel.id;
  }

  async *start(inbox: Inbox) {
    await this.load();
    this.expire(inbox);
    this.shown = snapshot(this.typers);
    yield this.shown.list;
  }

  async *next(item: InboxItem, inbox: Inbox) {
    if (item.kind === "resync") await this.load();
    this.apply(item);
    this.expire(inbox);
    const current = snapshot(this.typers);
    if (current.key !== this.shown.key) {
      this.shown = current;
      yield this.shown.list;
    }
  }

  close() {
    clearTimeout(this.timer);
    this.access.release();
  }

  // A change of who types (most signals change nothing here: every send stops its author's typing).
  direct(item: Signal, writer: SubscriptionWriter, inbox: Inbox) {
    if (item.kind !== "typing") return false;
    this.apply(item);
    this.expire(inbox);
    const current = snapshot(this.typers);
    if (current.key !== this.shown.key) {
      this.shown = current;
      writer.write(encodeTypers(this.shown.list));
    }
    return true;
  }

  private async load() {
    this.typers.clear();
    for (const entry of await this.ctx.realtime.typing.list(String(this.channelId))) this.typers.set(entry.userId, entry);
  }

  private apply(item: InboxItem) {
    if (item.kind !== "typing" || (this.lastChange.get(item.userId) ?? 0) > item.at) return;
    this.lastChange.set(item.userId, item.at);
    if (item.expiresAt === null) this.typers.delete(item.userId);
    else this.typers.set(item.userId, { username: item.username, expiresAt: item.expiresAt });
  }

  /** Drops expired entries and wakes the loop when the next one expires. */
  private expire(inbox: Inbox) {
    const now = Date.now();
    for (const [userId, entry] of this.typers) if (entry.expiresAt <= now) this.typers.delete(userId);
    clearTimeout(this.timer);
    const next = Math.min(...[...this.typers.values()].map((entry) => entry.expiresAt));
    if (Number.isFinite(next)) this.timer = setTimeout(() => inbox.push({ kind: "tick" }), next - now).unref();
  }
}

/** The subscribers of a channel see the same list: encoded once for them. */
const encodeTypers = rememberLast((list: Typer[]) => encodeDataResult(list), (list) => JSON.stringify(list));

function snapshot(typers: Map<string, { username: string }>) {
  const list: Typer[] = [...typers].map(([userId, { username }]) => ({ userId, username }));
  list.sort((a, b) => a.username.localeCompare(b.username));
  return { list, key: list.map((typer) => typer.userId).join(",") };
}
