import { auditAction, securityEventKinds } from "@chat/validators";
import { z } from "zod";

/**
 * The shapes of moderation and account security (issue 7), as dto.ts does it for the rest:
 * a zod schema per shape, used as `.output()` and as the OpenAPI component.
 */

const id = z.string().meta({ description: "A snowflake id, as a decimal string", example: "73400320000131072" });
const timestamp = z.date().meta({ format: "date-time", description: "An ISO 8601 time", example: "2026-01-01T12:00:00.000Z" });
const person = z.object({ id, username: z.string() });

export const banOutput = z
  .object({
    user: person,
    reason: z.string(),
    bannedBy: person.nullable().meta({ description: "null once that account is deleted" }),
    createdAt: timestamp,
  })
  .meta({ id: "Ban" });

export const inviteState = z.enum(["active", "expired", "used_up", "revoked"]);
export const inviteOutput = z
  .object({
    code: z.string(),
    serverId: id,
    createdBy: person.nullable(),
    createdAt: timestamp,
    expiresAt: timestamp.nullable(),
    maxUses: z.number().int().nullable(),
    uses: z.number().int(),
    state: inviteState,
  })
  .meta({ id: "Invite" });

export const invitePreviewOutput = z
  .object({
    code: z.string(),
    server: z.object({ id, name: z.string(), memberCount: z.number().int() }),
    expiresAt: timestamp.nullable(),
    usesLeft: z.number().int().nullable().meta({ description: "null: no limit" }),
  })
  .meta({ id: "InvitePreview" });

export const auditEntryOutput = z
  .object({
    id,
    action: auditAction,
    actor: z.object({ id, username: z.string().nullable().meta({ description: "null once the account is deleted" }) }),
    target: z
      .object({ id: z.string(), name: z.string().nullable().meta({ description: "As it was at the time" }) })
      .nullable(),
    details: z.record(z.string(), z.unknown()),
    createdAt: timestamp,
  })
  .meta({ id: "AuditEntry" });
export const auditPageOutput = z
  .object({
    items: z.array(auditEntryOutput).meta({ description: "Newest first" }),
    nextCursor: id.nullable().meta({ description: "Pass as `before` for the next (older) page" }),
  })
  .meta({ id: "AuditPage" });

const customStatus = z.object({ text: z.string(), emoji: z.string().nullable(), expiresAt: timestamp.nullable() });
export const ownStatusOutput = z
  .object({
    presence: z.enum(["online", "idle", "dnd", "invisible"]),
    custom: customStatus.nullable().meta({ id: "CustomStatus", description: "null: none, or it has lapsed" }),
  })
  .meta({ id: "Status" });

export const sessionInfoOutput = z
  .object({
    id,
    device: z.string().meta({ description: "Browser and system, from the user agent", example: "Firefox 130 on Linux" }),
    userAgent: z.string().nullable(),
    createdAt: timestamp,
    lastSeenAt: timestamp,
    current: z.boolean().meta({ description: "The session of this request's token" }),
  })
  .meta({ id: "SessionInfo" });
export const revokedOutput = z.object({ revoked: z.number().int() }).meta({ id: "Revoked" });

export const securityEventOutput = z
  .object({
    id,
    kind: z.enum(securityEventKinds).meta({
      description: "sign_in.code_failed: a wrong two-factor code after your password; the others: changes you (or someone with your session) made",
    }),
    address: z.string().nullable().meta({ description: "The client address the request came from" }),
    device: z.string().meta({ description: "Browser and system, from the user agent", example: "Firefox 130 on Linux" }),
    createdAt: timestamp,
  })
  .meta({ id: "SecurityEvent" });

export const twoFactorStatusOutput = z
  .object({ enabled: z.boolean(), recoveryCodesLeft: z.number().int() })
  .meta({ id: "TwoFactorStatus" });
export const twoFactorEnrolmentOutput = z
  .object({
    uri: z.string().meta({ description: "The otpauth:// URI for authenticator apps" }),
    secret: z.string().meta({ description: "The secret in base32, to type in by hand; never shown again" }),
    qrCode: z.string().meta({ description: "The URI as a QR code: a data: URL of a PNG image" }),
  })
  .meta({ id: "TwoFactorEnrolment" });
export const recoveryCodesOutput = z
  .object({ recoveryCodes: z.array(z.string()).meta({ description: "Each works once; shown only now" }) })
  .meta({ id: "RecoveryCodes" });
export const twoFactorChallengeOutput = z
  .object({
    twoFactorRequired: z.literal(true),
    challenge: z.string().meta({ description: "Pass to /auth/2fa/verify with a code, within 5 minutes" }),
  })
  .meta({ id: "TwoFactorChallenge" });
