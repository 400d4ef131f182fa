import { and, auditLog, desc, eq, lt, users } from "@chat/db";
import { listAuditInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";

import { rest } from "../core/rest";
import { serverProcedure } from "../core/trpc";
import { auditPageOutput } from "./dto";

/** Read-only by design: the log is appended by the actions it records, and nothing edits or deletes it. */
export const auditRouter = {
  /** A page of the server's audit log, newest first, by keyset on the entry id; filter by action and actor. */
  list: serverProcedure("audit.read", listAuditInput)
    .meta(
      rest("GET", "/servers/{serverId}/audit-log", {
        summary: "A page of a server's audit log, newest first",
        description: "Pass `nextCursor` as `before` for older entries; `action` and `actorId` filter.",
        errors: [400, 403, 404],
      }),
    )
    .output(auditPageOutput)
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db
        .select({ entry: auditLog, actorName: users.username })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(
          and(
            eq(auditLog.serverId, ctx.membership.serverId),
            input.before ? lt(auditLog.id, BigInt(input.before)) : undefined,
            input.action ? eq(auditLog.action, input.action) : undefined,
            input.actorId ? eq(auditLog.actorId, BigInt(input.actorId)) : undefined,
          ),
        )
        .orderBy(desc(auditLog.id))
        .limit(input.limit + 1);
      const page = rows.slice(0, input.limit);
      return {
        items: page.map(({ entry, actorName }) => ({
          id: String(entry.id),
          action: entry.action,
          actor: { id: String(entry.actorId), username: actorName },
          target: entry.targetId === null ? null : { id: entry.targetId, name: entry.targetName },
          details: entry.details as Record<string, unknown>,
          createdAt: entry.createdAt,
        })),
        nextCursor: rows.length > input.limit ? String(page.at(-1)!.entry.id) : null,
      };
    }),
} satisfies TRPCRouterRecord;
