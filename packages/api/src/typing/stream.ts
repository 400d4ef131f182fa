import type { Typer } from "@chat/realtime";

import type { Context } from "../core/trpc";
import { encodeDataResult, rememberLast } from "../live/encode";
import type { InboxItem } from "../live/inbox";
import { type Signal, topics } from "../live/signals";
import { subscribe } from "../live/subscribe";

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
  await ctx.realtime.typing.stop(String(channelId), typer.userId);
  await ctx.realtime.bus.publish(topics.channel(channelId), { kind: "typing", ...typer, expiresAt: null, at });
}

export interface TypingStreamOptions {
  ctx: Ctx;
  channel: { id: bigint; serverId: bigint };
  /** Aborts when the client stops the subscription; absent for server-side callers. */
  signal?: AbortSignal;
  recheckAccess: (cause?: Signal) => Promise<void>;
}

/** The channel's typers: the current list first, then the list again after every change. */
export function typingStream({ ctx, channel, signal, recheckAccess }: TypingStreamOptions) {
  const typers = new Map<string, { username: string; expiresAt: number }>();
  const lastChange = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let shown = snapshot(typers);
  const load = async () => {
    typers.clear();
    for (const entry of await ctx.realtime.typing.list(String(channel.id))) typers.set(entry.userId, entry);
  };
  const apply = (item: InboxItem) => {
    if (item.kind !== "typing" || (lastChange.get(item.userId) ?? 0) > item.at) return;
    lastChange.set(item.userId, item.at);
    if (item.expiresAt === null) typers.delete(item.userId);
    else typers.set(item.userId, { username: item.username, expiresAt: item.expiresAt });
  };
  // Drops expired entries and wakes the loop when the next one expires.
  const expire = (wake: () => void) => {
    const now = Date.now();
    for (const [userId, entry] of typers) if (entry.expiresAt <= now) typers.delete(userId);
    clearTimeout(timer);
    const next = Math.min(...[...typers.values()].map((entry) => entry.expiresAt));
    if (Number.isFinite(next)) timer = setTimeout(wake, next - now).unref();
  };
  return subscribe<Typer[]>({
    ctx,
    signal,
    topics: [topics.channel(channel.id), topics.server(channel.serverId)],
    kinds: TYPING_SIGNALS,
    recheckAccess,
    async *start(inbox) {
      await load();
      expire(() => inbox.push({ kind: "tick" }));
      shown = snapshot(typers);
      yield shown.list;
    },
    async *next(item, inbox) {
      if (item.kind === "resync") await load();
      apply(item);
      expire(() => inbox.push({ kind: "tick" }));
      const current = snapshot(typers);
      if (current.key !== shown.key) {
        shown = current;
        yield shown.list;
      }
    },
    close: () => clearTimeout(timer),
    // A change of who types (most signals change nothing here: every send stops its author's typing).
    direct(item, inbox) {
      if (item.kind !== "typing") return undefined;
      apply(item);
      expire(() => inbox.push({ kind: "tick" }));
      const current = snapshot(typers);
      if (current.key === shown.key) return null;
      shown = current;
      return encodeTypers(shown.list);
    },
  });
}

/** The subscribers of a channel see the same list: encoded once for them. */
const encodeTypers = rememberLast((list: Typer[]) => encodeDataResult(list), (list) => JSON.stringify(list));

function snapshot(typers: Map<string, { username: string }>) {
  const list: Typer[] = [...typers].map(([userId, { username }]) => ({ userId, username }));
  list.sort((a, b) => a.username.localeCompare(b.username));
  return { list, key: list.map((typer) => typer.userId).join(",") };
}
