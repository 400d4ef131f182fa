import { type Database, and, count, eq, isNotNull, isNull, lt, or, recoveryCodes, sql, twoFactor } from "@chat/db";
import { fail } from "@chat/policy/errors";

import { type RateLimiter, enforceRateLimit } from "../core/rate-limit";
import { open } from "./secret-box";
import { hashRecoveryCode, matchTotp, newRecoveryCodes } from "./totp";

export interface TwoFactorDeps {
  db: Database;
  authKey: Uint8Array;
  rateLimiter: RateLimiter;
}

/** The user's two-factor row: `enabled` once confirmed; the secret opened. */
export async function loadTwoFactor(deps: Pick<TwoFactorDeps, "db" | "authKey">, userId: bigint) {
  const [row] = await deps.db.select().from(twoFactor).where(eq(twoFactor.userId, userId));
  if (!row) return null;
  const secret = open(deps.authKey, String(userId), row.secret);
  if (!secret) throw new Error("a two-factor secret does not open with this AUTH_SECRET");
  return { secret, enabled: row.enabledAt !== null };
}

export async function isTwoFactorOn(db: Database, userId: bigint): Promise<boolean> {
  const [row] = await db.select({ userId: twoFactor.userId }).from(twoFactor).where(and(eq(twoFactor.userId, userId), isNotNull(twoFactor.enabledAt)));
  return row !== undefined;
}

/**
 * Accepts a TOTP code once: valid within ±1 step of `now`, and of a later step than the last
 * accepted code. The single conditional UPDATE makes a replayed code lose even when it races.
 */
async function acceptTotp(db: Database, userId: bigint, secret: string, code: string, now: number): Promise<boolean> {
  const step = matchTotp(secret, code, now);
  if (step === null) return false;
  const accepted = await db
    .update(twoFactor)
    .set({ lastUsedStep: step })
    .where(and(eq(twoFactor.userId, userId), or(isNull(twoFactor.lastUsedStep), lt(twoFactor.lastUsedStep, step))))
    .returning({ userId: twoFactor.userId });
  return accepted.length > 0;
}

/** Spends a recovery code: each works once. */
async function spendRecoveryCode(db: Database, userId: bigint, code: string): Promise<boolean> {
  const spent = await db
    .update(recoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
    .returning({ userId: recoveryCodes.userId });
  return spent.length > 0;
}

export const wrongCode = () => fail.unauthorized("Wrong, expired or already used code");

/**
 * Checks a second factor: a 6-digit TOTP code or (when `recovery` allows) a recovery code.
 * Attempts are rate-limited per account; a wrong, expired or reused code is UNAUTHORIZED.
 */
export async function checkSecondFactor(
  deps: TwoFactorDeps,
  userId: bigint,
  code: string,
  options: { now?: number; recovery?: boolean; pending?: boolean } = {},
): Promise<"totp" | "recovery"> {
  await enforceRateLimit(deps.rateLimiter, "twoFactorCode", String(userId));
  const state = await loadTwoFactor(deps, userId);
  if (!state || state.enabled === Boolean(options.pending)) {
    throw fail.badRequest(options.pending ? "Start two-factor enrolment first" : "Two-factor authentication is not on");
  }
  const compact = code.replace(/[\s-]/g, "");
  if (/^\d{6}$/.test(compact)) {
    if (await acceptTotp(deps.db, userId, state.secret, compact, options.now ?? Date.now())) return "totp";
  } else if (options.recovery !== false && (await spendRecoveryCode(deps.db, userId, compact))) {
    return "recovery";
  }
  throw wrongCode();
}

/** Replaces the user's recovery codes; returns the new ones (only their hashes are kept). */
export async function issueRecoveryCodes(db: Database, userId: bigint): Promise<string[]> {
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })));
  });
  return codes;
}

export async function recoveryCodesLeft(db: Database, userId: bigint): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}
