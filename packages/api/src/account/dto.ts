import type { User } from "@chat/db";
import { securityEventKinds } from "@chat/validators";
import { z } from "zod";

import { avatarUrl, id, timestamp } from "../core/dto";
import { avatarUrlOf } from "../images/urls";

/** The shapes of the account: the signed-in user, sessions, status and two-factor. */

export const selfOutput = z
  .object({ id, username: z.string(), email: z.string(), createdAt: timestamp, avatarUrl })
  .meta({ id: "User", description: "The signed-in user: others never see an email" });
export const sessionOutput = z
  .object({ token: z.string().meta({ description: "A bearer token for the Authorization header" }), user: selfOutput })
  .meta({ id: "Session" });

export type SelfDto = z.infer<typeof selfOutput>;
export type UserDto = Omit<SelfDto, "email">;

export function toUser(user: Pick<User, "id" | "username" | "createdAt" | "avatar">): UserDto {
  return { id: String(user.id), username: user.username, createdAt: user.createdAt, avatarUrl: avatarUrlOf(user.id, user.avatar) };
}

export function toSelf(user: Pick<User, "id" | "username" | "email" | "createdAt" | "avatar">): SelfDto {
  return { ...toUser(user), email: user.email };
}

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
