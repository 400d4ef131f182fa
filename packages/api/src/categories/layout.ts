/**
 * Where channels and categories stand in a server's sidebar. Positions are dense, 0 to n−1, within
 * each group: the uncategorised channels (listed first), each category's channels, and the
 * categories themselves. Every change of positions happens under the server row's lock
 * (`lockLayout`), as role positions do, so concurrent moves, creations and deletions apply one
 * after another and never leave a gap or a duplicate.
 */
import { type SQL, type Transaction, and, asc, categories, channels, count, eq, gt, gte, isNull, lt, lte, serverMembers, sql } from "@chat/db";
import { fail } from "@chat/policy/errors";

import { lockServer } from "../members/removal";
import { type ServerChannelRow, channelColumns } from "../channels/dto";
import { canView } from "../overwrites/in-channel";
import type { CategoryRow } from "./dto";

export const lockLayout = (tx: Transaction, serverId: bigint) => lockServer(tx, serverId, "update");

/** The channels of one group: a category's, or (null) the server's uncategorised ones. */
export const channelGroup = (serverId: bigint, categoryId: bigint | null) =>
  and(eq(channels.serverId, serverId), categoryId === null ? isNull(channels.categoryId) : eq(channels.categoryId, categoryId));

const serverCategories = (serverId: bigint) => eq(categories.serverId, serverId);

/** The sidebar's order for a query on channels: the uncategorised first, then by category, then by position (ids only break ties in hand-seeded data). */
export const layoutOrder = [
  sql`(select ${categories.position} from ${categories} where ${categories.id} = ${channels.categoryId}) nulls first`,
  asc(channels.position),
  asc(channels.id),
];

/**
 * The server's categories in order; with `seenBy`, only those holding a channel that member can
 * see (Discord hides a category with nothing in it for you).
 */
export function listCategories(db: Pick<Transaction, "select">, serverId: bigint, seenBy?: bigint) {
  const seen = seenBy === undefined ? undefined : sql`exists (select 1 from ${channels}
    join ${serverMembers} on ${serverMembers.serverId} = ${channels.serverId} and ${serverMembers.userId} = ${seenBy}
    where ${channels.categoryId} = ${categories.id} and ${canView})`;
  return db.select().from(categories).where(and(serverCategories(serverId), seen)).orderBy(asc(categories.position));
}

export async function channelGroupSize(tx: Transaction, serverId: bigint, categoryId: bigint | null): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(channels).where(channelGroup(serverId, categoryId));
  return row!.n;
}

export async function categoryCount(tx: Transaction, serverId: bigint): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(categories).where(serverCategories(serverId));
  return row!.n;
}

/** The others' change when one item goes from `from` to `to` in the same list: those between step towards `from`. */
function between(position: typeof channels.position | typeof categories.position, from: number, to: number): { by: number; range: SQL | undefined } {
  return to < from ? { by: 1, range: and(gte(position, to), lt(position, from)) } : { by: -1, range: and(gt(position, from), lte(position, to)) };
}

/** A channel as it is now, under the layout lock (a concurrent deletion may have taken it). */
export async function currentChannel(tx: Transaction, channelId: bigint): Promise<ServerChannelRow> {
  const [channel] = await tx.select(channelColumns).from(channels).where(eq(channels.id, channelId));
  if (!channel?.serverId) throw fail.notFound("Channel");
  return { ...channel, serverId: channel.serverId };
}

/** After a channel left its group (deleted, or moved elsewhere): those after it step up. */
export async function closeChannelGap(tx: Transaction, channel: Pick<ServerChannelRow, "serverId" | "categoryId" | "position">): Promise<void> {
  await tx
    .update(channels)
    .set({ position: sql`${channels.position} - 1` })
    .where(and(channelGroup(channel.serverId, channel.categoryId), gt(channels.position, channel.position)));
}

/**
 * Moves a channel to `requested` in the group of `categoryId` (null: the uncategorised), clamped
 * to the group's end. Call under the layout lock, with the channel as it is now.
 */
export async function moveChannel(tx: Transaction, channel: ServerChannelRow, categoryId: bigint | null, requested: number): Promise<ServerChannelRow> {
  const { serverId } = channel;
  let to: number;
  if (channel.categoryId === categoryId) {
    to = Math.min(requested, (await channelGroupSize(tx, serverId, categoryId)) - 1);
    if (to === channel.position) return channel;
    const { by, range } = between(channels.position, channel.position, to);
    await tx.update(channels).set({ position: sql`${channels.position} + ${by}` }).where(and(channelGroup(serverId, categoryId), range));
  } else {
    await closeChannelGap(tx, channel);
    to = Math.min(requested, await channelGroupSize(tx, serverId, categoryId));
    await tx
      .update(channels)
      .set({ position: sql`${channels.position} + 1` })
      .where(and(channelGroup(serverId, categoryId), gte(channels.position, to)));
  }
  // A synced channel that changes category takes the new one's overwrites: whether it is private is read again.
  const [moved] = await tx.update(channels).set({ categoryId, position: to }).where(eq(channels.id, channel.id)).returning(channelColumns);
  return { ...moved!, serverId };
}

/** Moves a category to `requested` among the server's, clamped to the last place. Call under the layout lock. */
export async function moveCategory(tx: Transaction, category: CategoryRow, requested: number): Promise<CategoryRow> {
  const to = Math.min(requested, (await categoryCount(tx, category.serverId)) - 1);
  if (to === category.position) return category;
  const { by, range } = between(categories.position, category.position, to);
  await tx.update(categories).set({ position: sql`${categories.position} + ${by}` }).where(and(serverCategories(category.serverId), range));
  const [moved] = await tx.update(categories).set({ position: to }).where(eq(categories.id, category.id)).returning();
  return moved!;
}

/**
 * Deletes a category: its channels go to the end of the uncategorised ones, in their order, and
 * the categories after it step up. Call under the layout lock.
 */
export async function deleteCategory(tx: Transaction, category: CategoryRow): Promise<void> {
  const { serverId } = category;
  const end = await channelGroupSize(tx, serverId, null);
  await tx
    .update(channels)
    .set({ categoryId: null, position: sql`${channels.position} + ${end}` })
    .where(eq(channels.categoryId, category.id));
  await tx.delete(categories).where(eq(categories.id, category.id));
  await tx
    .update(categories)
    .set({ position: sql`${categories.position} - 1` })
    .where(and(serverCategories(serverId), gt(categories.position, category.position)));
}
