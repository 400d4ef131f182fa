import { type Database, type Transaction, and, asc, eq, ne, serverEmojis, sql } from "@chat/db";
import { fail } from "@chat/policy/errors";

import type { Context } from "../core/trpc";
import { publishActivity } from "../unread/activity";
import { type EmojiDto, toEmojiDto } from "./dto";

type Queryable = Database | Transaction;

/** A server's emoji, oldest first (as Discord's settings list them). */
export async function listEmojis(db: Queryable, serverId: bigint): Promise<EmojiDto[]> {
  const rows = await db.select().from(serverEmojis).where(eq(serverEmojis.serverId, serverId)).orderBy(asc(serverEmojis.id));
  return rows.map(toEmojiDto);
}

/** One of the server's emoji, or NOT_FOUND (another server's among them). */
export async function findEmoji(db: Queryable, serverId: bigint, emojiId: bigint) {
  const [row] = await db
    .select()
    .from(serverEmojis)
    .where(and(eq(serverEmojis.serverId, serverId), eq(serverEmojis.id, emojiId)));
  if (!row) throw fail.notFound("Emoji");
  return row;
}

/** After a change commits: the server's members hear of its emoji as they now stand. Not awaited by callers' answers. */
export async function announceEmojis(ctx: Pick<Context, "db" | "realtime" | "log">, serverId: bigint): Promise<void> {
  const emojis = await listEmojis(ctx.db, serverId);
  await publishActivity(ctx, { type: "emojis", serverId: String(serverId), emojis });
}

/** Whether another emoji of the server (not `except`) has `name`, whatever the case. */
export async function nameInUse(db: Queryable, serverId: bigint, name: string, except?: bigint): Promise<boolean> {
  const [row] = await db
    .select({ id: serverEmojis.id })
    .from(serverEmojis)
    .where(and(eq(serverEmojis.serverId, serverId), sql`lower(${serverEmojis.name}) = lower(${name})`, except === undefined ? undefined : ne(serverEmojis.id, except)));
  return row !== undefined;
}

/** An emoji's stored file, for the image route: any signed-in user may see any server's emoji (as on Discord, whose emoji are public: they show in any message that writes them). */
export async function emojiFile(db: Queryable, emojiId: bigint) {
  const [row] = await db
    .select({ storageKey: serverEmojis.storageKey, contentType: serverEmojis.contentType })
    .from(serverEmojis)
    .where(eq(serverEmojis.id, emojiId));
  if (!row) throw fail.notFound("Emoji");
  return row;
}

/** The files of a server's emoji, read before the server's deletion cascades to their rows; removed after it. */
export async function emojiKeysOf(db: Queryable, serverId: bigint): Promise<string[]> {
  const rows = await db.select({ key: serverEmojis.storageKey }).from(serverEmojis).where(eq(serverEmojis.serverId, serverId));
  return rows.map((row) => row.key);
}
