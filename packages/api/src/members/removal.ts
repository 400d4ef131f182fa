import { type Transaction, and, eq, permissionOverwrites, serverMembers, servers } from "@chat/db";
import { fail } from "@chat/policy/errors";

import type { Context } from "../core/trpc";
import { type Signal, topics } from "../live/signals";
import { membershipOf } from "./membership";

/**
 * Locks the server row until the transaction ends. Bans take it before removing a member, joins
 * before checking for a ban: so a join either commits before the ban (and the ban removes the
 * new member) or sees the ban.
 */
export async function lockServer(tx: Transaction, serverId: bigint, mode: "update" | "share") {
  const [server] = await tx.select().from(servers).where(eq(servers.id, serverId)).for(mode);
  if (!server) throw fail.notFound("Server");
  return server;
}

/** Deletes the membership and the overwrites naming the member; true when there was one. */
export async function deleteMembership(tx: Transaction, serverId: bigint, userId: bigint): Promise<boolean> {
  await tx
    .delete(permissionOverwrites)
    .where(and(eq(permissionOverwrites.serverId, serverId), eq(permissionOverwrites.targetType, "member"), eq(permissionOverwrites.targetId, userId)));
  const deleted = await tx.delete(serverMembers).where(membershipOf(serverId, userId)).returning({ userId: serverMembers.userId });
  return deleted.length > 0;
}

export type RemovalReason = "kicked" | "banned";

export interface Removal {
  server: { id: bigint; name: string };
  userId: bigint;
  reason: RemovalReason;
  banReason?: string | null;
}

/**
 * After a kick or ban commits: the server's live subscriptions re-check access (the removed
 * user's end, saying why), and the user's own stream hears where they were removed from.
 */
export async function announceRemoval(ctx: Pick<Context, "realtime" | "log">, removal: Removal): Promise<void> {
  const userId = String(removal.userId);
  const signals: Array<[string, Signal]> = [
    [topics.server(removal.server.id), { kind: "access", removed: { userId, reason: removal.reason } }],
    [
      topics.user(removal.userId),
      {
        kind: "removed",
        serverId: String(removal.server.id),
        serverName: removal.server.name,
        reason: removal.reason,
        banReason: removal.banReason ?? null,
      },
    ],
  ];
  await Promise.all(
    signals.map(([topic, signal]) =>
      ctx.realtime.bus.publish(topic, signal).catch((err: unknown) => ctx.log.warn({ err, topic }, "announcing a removal failed")),
    ),
  );
}
