import { type Database, type UserStatus, eq, inArray, rowsOf, serverMembers, sql, userStatuses } from "@chat/db";
import type { Realtime } from "@chat/realtime";

import type { Signal } from "../live/signals";
import { topics } from "../live/signals";

/** What others see: `invisible` shows as offline. */
export type PresenceStatus = "online" | "idle" | "dnd" | "offline";

export interface CustomStatus {
  text: string;
  emoji: string | null;
  expiresAt: Date | null;
}

/** A member's status as others see it; `custom` is absent when they show none. */
export interface VisibleStatus {
  status: PresenceStatus;
  custom?: CustomStatus;
}

type Choice = Pick<UserStatus, "presence" | "text" | "emoji" | "expiresAt">;

/** The custom part of a status, or null once it has lapsed (`now` in epoch ms). */
export function liveCustom(choice: Choice | undefined, now = Date.now()): CustomStatus | null {
  if (!choice || (choice.text === null && choice.emoji === null)) return null;
  if (choice.expiresAt && choice.expiresAt.getTime() <= now) return null;
  return { text: choice.text ?? "", emoji: choice.emoji, expiresAt: choice.expiresAt };
}

/** Offline while no connection is open or the user chose `invisible`; else their chosen presence and custom status. */
export function visibleStatus(choice: Choice | undefined, connected: boolean, now = Date.now()): VisibleStatus {
  const presence = choice?.presence ?? "online";
  if (!connected || presence === "invisible") return { status: "offline" };
  const custom = liveCustom(choice, now);
  return custom ? { status: presence, custom } : { status: presence };
}

export async function loadChoices(db: Database, userIds: bigint[]): Promise<Map<string, Choice>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.select().from(userStatuses).where(inArray(userStatuses.userId, userIds));
  return new Map(rows.map((row) => [String(row.userId), row]));
}

/** What others see of each of `userIds`, from the presence store and the chosen statuses. */
export async function visibleStatuses(services: { db: Database; realtime: Realtime }, userIds: bigint[]) {
  const ids = userIds.map(String);
  const [online, choices] = await Promise.all([services.realtime.presence.online(ids), loadChoices(services.db, userIds)]);
  return new Map(ids.map((id) => [id, visibleStatus(choices.get(id), online.has(id))]));
}

/** Who hears `userId`'s status on their own topic, with no server needed in common: their friends and DM partners. */
async function presenceAudience(db: Database, userId: bigint): Promise<string[]> {
  const rows = await rowsOf<{ id: string }>(
    db.execute(sql`select other_id::text as id from relationships where user_id = ${userId} and kind = 'friend'
      union
      select other.user_id::text from channel_recipients mine
        join channels c on c.id = mine.channel_id and c.kind = 'dm'
        join channel_recipients other on other.channel_id = mine.channel_id and other.user_id <> ${userId}
      where mine.user_id = ${userId}`),
  );
  return rows.map((row) => row.id);
}

/**
 * Tells the servers `userId` belongs to, and each of their friends and DM partners (on their own
 * topic), how they look now: after a connect, a disconnect or a status change.
 */
export async function announceStatus(services: { db: Database; realtime: Realtime }, userId: bigint, connected: boolean) {
  const [choices, rows, audience] = await Promise.all([
    loadChoices(services.db, [userId]),
    services.db.select({ serverId: serverMembers.serverId }).from(serverMembers).where(eq(serverMembers.userId, userId)),
    presenceAudience(services.db, userId),
  ]);
  const signal: Signal = { kind: "presence", userId: String(userId), ...visibleStatus(choices.get(String(userId)), connected) };
  const destinations = [...rows.map((row) => topics.server(row.serverId)), ...audience.map((id) => topics.user(id))];
  await Promise.all(destinations.map((topic) => services.realtime.bus.publish(topic, signal)));
}
