import { z } from "zod";

import { limits } from "./limits";
import { id, inviteCode as code, line } from "./primitives";
import { auditActions } from "./audit-actions";

/**
 * Inputs of moderation (bans, invites, the audit log) and account security (status, sessions,
 * password, two-factor). Kept apart from index.ts, which holds the foundation's inputs.
 */

const seconds = (max: number) => z.coerce.number().int().min(1).max(max);
export const banInput = z.object({ serverId: id, userId: id, reason: line(0, limits.banReason.max).optional() });
export const unbanInput = z.object({ serverId: id, userId: id });

export const createInviteInput = z.object({
  serverId: id,
  /** Omitted: the invite never expires (for members: it expires after `limits.memberInviteLifetimeSeconds`). */
  expiresInSeconds: seconds(limits.inviteLifetimeSeconds.max).optional(),
  /** Omitted: any number of people may use it. */
  maxUses: z.coerce.number().int().min(1).max(limits.inviteUses.max).optional(),
});
export const revokeInviteInput = z.object({ serverId: id, code });
export const inviteCodeInput = z.object({ code });

export const setSlowmodeInput = z.object({
  channelId: id,
  seconds: z.coerce.number().int().min(0).max(limits.slowmodeSeconds.max),
});
/** A timeout for `durationSeconds`, or until a time at most `limits.timeoutSeconds` away. */
export const timeoutInput = z
  .object({
    serverId: id,
    userId: id,
    durationSeconds: seconds(limits.timeoutSeconds.max).optional(),
    /** An ISO 8601 time. */
    until: z.iso.datetime({ offset: true }).optional(),
    reason: line(0, limits.banReason.max).optional(),
  })
  .refine((value) => (value.durationSeconds === undefined) !== (value.until === undefined), "give either durationSeconds or until");
export const removeTimeoutInput = z.object({ serverId: id, userId: id });

export { auditActions };
export const auditAction = z.enum(auditActions);
export const listAuditInput = z.object({
  serverId: id,
  /** The `nextCursor` of the previous page: entries older than this id. */
  before: id.optional(),
  limit: z.coerce.number().int().min(1).max(limits.auditPage.max).default(limits.auditPage.default),
  action: auditAction.optional(),
  actorId: id.optional(),
});

export const presenceChoice = z.enum(["online", "idle", "dnd", "invisible"]);
/** One emoji (a single RGI emoji sequence, skin tones and flags included). */
export const emoji = z.string().trim().regex(new RegExp("^\\p{RGI_Emoji}$", "v"), "must be a single emoji");
export const customStatusInput = z
  .object({
    text: line(0, limits.statusText.max),
    emoji: emoji.nullish(),
    /** Omitted: the status stays until cleared. */
    expiresInSeconds: seconds(limits.statusLifetimeSeconds.max).nullish(),
  })
  .refine((value) => value.text !== "" || value.emoji, "give a text or an emoji");
export const setStatusInput = z
  .object({
    presence: presenceChoice.optional(),
    /** null clears the custom status; omitted leaves it as it is. */
    custom: customStatusInput.nullable().optional(),
  })
  .refine((value) => value.presence !== undefined || value.custom !== undefined, "give a presence or a custom status");

export const sessionIdInput = z.object({ sessionId: id });
export const changePasswordInput = z.object({
  currentPassword: z.string().min(1).max(limits.password.max),
  newPassword: z.string().min(limits.password.min).max(limits.password.max),
  /** Accepted for REST v1 clients and ignored: a password change always signs out every other device. */
  endOtherSessions: z
    .boolean()
    .optional()
    .meta({ deprecated: true, description: "Ignored: a password change always signs out every other session" }),
});

/** What the user's own security log records (session.securityLog). */
export const securityEventKinds = [
  "sign_in.code_failed",
  "password.changed",
  "two_factor.enabled",
  "two_factor.disabled",
] as const;
export type SecurityEventKind = (typeof securityEventKinds)[number];

/** A 6-digit code from the authenticator app, or a recovery code (case and dashes do not matter). */
export const twoFactorCode = z
  .string()
  .trim()
  .min(6)
  .max(32)
  .regex(/^[A-Za-z0-9 -]+$/, "is not a code");
export const twoFactorCodeInput = z.object({ code: twoFactorCode });
export const verifyTwoFactorInput = z.object({ challenge: z.string().min(1).max(2048), code: twoFactorCode });
/** null clears the nickname: the member shows their display name again. */
export const setNicknameInput = z.object({ serverId: id, userId: id, nickname: line(limits.nickname.min, limits.nickname.max).nullable() });
export const kickInput = z.object({ serverId: id, userId: id, reason: line(0, limits.banReason.max).optional() });
