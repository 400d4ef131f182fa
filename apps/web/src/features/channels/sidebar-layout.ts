import type { RouterOutputs } from "@chat/api";

/**
 * The sidebar's layout as pure functions of the cached `channel.list` and `category.list`: groups
 * to render, and the moves applied locally (optimistic updates) exactly as the API applies them:
 * positions dense within each group, a place past the end meaning last.
 */
export type Category = RouterOutputs["category"]["list"][number];

export interface Placed {
  id: string;
  categoryId: string | null;
  position: number;
}

export interface Group<C extends Placed> {
  /** Null: the uncategorised channels, listed first. */
  category: Category | null;
  channels: C[];
}

const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;

/** The uncategorised channels, then each category's, each by position. */
export function groupChannels<C extends Placed>(channels: C[], categories: Category[]): Array<Group<C>> {
  const inGroup = (categoryId: string | null) => channels.filter((channel) => channel.categoryId === categoryId).sort(byPosition);
  return [{ category: null, channels: inGroup(null) }, ...[...categories].sort(byPosition).map((category) => ({ category, channels: inGroup(category.id) }))];
}

/** Renumbers `items` 0..n−1 in their order. */
function renumber<T extends { position: number }>(items: T[]): T[] {
  return items.map((item, position) => (item.position === position ? item : { ...item, position }));
}

/** Puts `item` at `position` (clamped) among `others`, in order. */
function insertAt<T extends { position: number }>(others: T[], item: T, position: number): T[] {
  const list = [...others].sort(byPosition);
  list.splice(Math.min(position, list.length), 0, item);
  return renumber(list);
}

/** The channel list after `channel.move {channelId, categoryId, position}`, as the API orders it. */
export function moveChannel<C extends Placed>(channels: C[], channelId: string, categoryId: string | null, position: number): C[] {
  const moving = channels.find((channel) => channel.id === channelId);
  if (!moving) return channels;
  const rest = channels.filter((channel) => channel.id !== channelId);
  const source = renumber(rest.filter((channel) => channel.categoryId === moving.categoryId).sort(byPosition));
  const target = insertAt(
    (categoryId === moving.categoryId ? source : rest).filter((channel) => channel.categoryId === categoryId),
    { ...moving, categoryId },
    position,
  );
  const changed = new Map([...source, ...target].map((channel) => [channel.id, channel]));
  return channels.map((channel) => changed.get(channel.id) ?? channel);
}

/** The category list after `category.move {categoryId, position}`. */
export function moveCategory(categories: Category[], categoryId: string, position: number): Category[] {
  const moving = categories.find((category) => category.id === categoryId);
  if (!moving) return categories;
  return insertAt(
    categories.filter((category) => category.id !== categoryId),
    moving,
    position,
  );
}

/**
 * Where a channel dropped on `target` lands: before it, or after it with `after`. Within its own
 * group the channel's leaving shifts the places below it.
 */
export function dropPlace(moving: Placed, target: Placed, after: boolean): { categoryId: string | null; position: number } {
  let position = target.position + (after ? 1 : 0);
  if (moving.categoryId === target.categoryId && moving.position < position) position -= 1;
  return { categoryId: target.categoryId, position };
}

/**
 * One step up or down for keyboard reordering: within the group, and past its edge into the
 * neighbouring group (at its end going up, at its start going down). Null at the very top or bottom.
 */
export function stepPlace<C extends Placed>(groups: Array<Group<C>>, channelId: string, step: -1 | 1): { categoryId: string | null; position: number } | null {
  const index = groups.findIndex((group) => group.channels.some((channel) => channel.id === channelId));
  const group = groups[index];
  if (!group) return null;
  const position = group.channels.findIndex((channel) => channel.id === channelId) + step;
  if (position >= 0 && position < group.channels.length) return { categoryId: group.category?.id ?? null, position };
  const neighbour = groups[index + step];
  if (!neighbour) return null;
  return { categoryId: neighbour.category?.id ?? null, position: step === -1 ? neighbour.channels.length : 0 };
}
