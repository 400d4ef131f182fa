import { type Database, desc, eq, nextId, securityEvents } from "@chat/db";
import type { SecurityEventKind } from "@chat/validators";

import { describeDevice } from "./session-revocation";

/** Where a request came from, as the security log keeps it. */
export interface RequestOrigin {
  db: Database;
  clientAddress: string;
  headers: Headers;
}

/** Appends to the user's own security log, with the address and browser of the request. */
export async function recordSecurityEvent(ctx: RequestOrigin, userId: bigint, kind: SecurityEventKind): Promise<void> {
  await ctx.db.insert(securityEvents).values({
    id: nextId(),
    userId,
    kind,
    address: ctx.clientAddress,
    userAgent: ctx.headers.get("user-agent")?.slice(0, 512) ?? null,
  });
}

/** The shown length of the log: its newest entries (writes are rate-limited, so it never floods). */
const SHOWN = 50;

export async function listSecurityEvents(db: Database, userId: bigint) {
  const rows = await db
    .select()
    .from(securityEvents)
    .where(eq(securityEvents.userId, userId))
    .orderBy(desc(securityEvents.id))
    .limit(SHOWN);
  return rows.map((row) => ({
    id: String(row.id),
    kind: row.kind,
    address: row.address,
    device: describeDevice(row.userAgent),
    createdAt: row.createdAt,
  }));
}
