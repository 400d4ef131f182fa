import { type Database, type Invite, type Transaction, and, bans, count, eq, gt, invites, isNull, lt, or, serverMembers, servers, sql } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { type Actor, isAllowed } from "@chat/policy/permissions";
import { limits } from "@chat/validators";

import { lockServer } from "../members/removal";

export type InviteState = "active" | "expired" | "used_up" | "revoked";

type InviteLimits = Pick<Invite, "revokedAt" | "expiresAt" | "maxUses" | "uses">;

export function inviteState(invite: InviteLimits, now = Date.now()): InviteState {
  if (invite.revokedAt) return "revoked";
  if (invite.expiresAt && invite.expiresAt.getTime() <= now) return "expired";
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return "used_up";
  return "active";
}

/** Why a code no longer works: NOT_FOUND (tRPC has no 410) with a message a person can act on. */
const goneMessages: Record<Exclude<InviteState, "active">, string> = {
  expired: "This invite has expired",
  used_up: "This invite has reached its maximum number of uses",
  revoked: "This invite was revoked",
};

/**
 * How long a new invite lasts (null: for ever). Those who manage invites choose freely; others
 * (members inviting a friend) get invites that expire, within a week, so that a code they pass
 * on never becomes a second standing code that only a manager could stop.
 */
export function inviteLifetime(creator: Actor, requested: number | undefined): number | null {
  if (isAllowed("invite.manage", creator)) return requested ?? null;
  const max = limits.memberInviteLifetimeSeconds.max;
  if (requested !== undefined && requested > max) throw fail.badRequest(`Your invites can last at most ${max / 86_400} days`);
  return requested ?? max;
}

/** The server a code leads to: its standing code, or an invite (with its limits). */
export async function resolveCode(db: Database | Transaction, code: string) {
  const [standing] = await db.select({ id: servers.id }).from(servers).where(eq(servers.inviteCode, code));
  if (standing) return { serverId: standing.id, invite: null };
  const [invite] = await db.select().from(invites).where(eq(invites.code, code));
  if (!invite) throw fail.notFound("Invite");
  return { serverId: invite.serverId, invite };
}

/** Throws the reason an invite no longer works, if it does not. */
export function assertUsable(invite: InviteLimits | null): void {
  const state = invite ? inviteState(invite) : "active";
  if (state !== "active") throw fail.gone(goneMessages[state]);
}

/**
 * Joins the server behind `code`. Under the server's share lock (see `lockServer`) a ban is
 * seen; the membership is inserted first, so a member joining again uses nothing; then one use
 * is counted by a single conditional UPDATE, which under concurrent joins never passes `maxUses`
 * (if it matches nothing, the transaction rolls the membership back).
 */
export async function joinByCode(db: Database, code: string, userId: bigint) {
  return db.transaction(async (tx) => {
    const { serverId, invite } = await resolveCode(tx, code);
    const server = await lockServer(tx, serverId, "share");
    const [ban] = await tx.select({ userId: bans.userId }).from(bans).where(and(eq(bans.serverId, serverId), eq(bans.userId, userId)));
    if (ban) throw fail.forbidden("You are banned from this server");
    const [inserted] = await tx.insert(serverMembers).values({ serverId, userId }).onConflictDoNothing().returning({ userId: serverMembers.userId });
    if (!inserted) return { server, joined: false };
    if (invite && !(await useInvite(tx, code))) {
      const [current] = await tx.select().from(invites).where(eq(invites.code, code));
      assertUsable(current ?? null);
      throw fail.gone(goneMessages.used_up);
    }
    return { server, joined: true };
  });
}

async function useInvite(tx: Transaction, code: string): Promise<boolean> {
  const used = await tx
    .update(invites)
    .set({ uses: sql`${invites.uses} + 1` })
    .where(
      and(
        eq(invites.code, code),
        isNull(invites.revokedAt),
        or(isNull(invites.expiresAt), gt(invites.expiresAt, sql`now()`)),
        or(isNull(invites.maxUses), lt(invites.uses, invites.maxUses)),
      ),
    )
    .returning({ uses: invites.uses });
  return used.length > 0;
}

export async function memberCount(db: Database, serverId: bigint): Promise<number> {
  const [row] = await db.select({ n: count() }).from(serverMembers).where(eq(serverMembers.serverId, serverId));
  return row?.n ?? 0;
}
