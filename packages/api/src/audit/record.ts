import { type AuditAction, type Transaction, auditLog, nextId } from "@chat/db";

export interface AuditEntry {
  serverId: bigint;
  actorId: bigint;
  action: AuditAction;
  /** What was acted on: a user, channel or message id, or an invite code. */
  target?: { id: bigint | string; name?: string | null };
  details?: Record<string, unknown>;
}

/** Appends to the server's audit log, inside the transaction of the action it records. */
export async function recordAudit(tx: Transaction, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    id: nextId(),
    serverId: entry.serverId,
    actorId: entry.actorId,
    action: entry.action,
    targetId: entry.target ? String(entry.target.id) : null,
    targetName: entry.target?.name ?? null,
    details: entry.details ?? {},
  });
}

/** The server and actor of an entry, from a procedure's context. */
export function auditBy(ctx: { membership: { serverId: bigint }; user: { id: bigint } }) {
  return { serverId: ctx.membership.serverId, actorId: ctx.user.id };
}

/** `{ field: { from, to } }` for each of `fields` that differs between two versions of a row. */
export function changes<Row extends object>(before: Row, after: Row, fields: Array<keyof Row & string>) {
  return Object.fromEntries(
    fields.filter((field) => before[field] !== after[field]).map((field) => [field, { from: before[field], to: after[field] }]),
  );
}
