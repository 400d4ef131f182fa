import { relationshipKind } from "@chat/db";
import { z } from "zod";

import { avatarUrl, id, timestamp } from "../core/dto";
import { avatarUrlOf } from "../images/urls";

/** Another person as lists and cards name them. */
export const userSummaryOutput = z
  .object({ id, username: z.string(), displayName: z.string().nullable().meta({ description: "null: show the username" }), avatarUrl })
  .meta({ id: "UserSummary" });
export type UserSummaryDto = z.infer<typeof userSummaryOutput>;

export const relationshipOutput = z
  .object({
    user: userSummaryOutput,
    kind: z.enum(relationshipKind.enumValues).meta({
      description: "friend; incoming: their request waits for you; outgoing: yours waits for them; blocked: you blocked them",
    }),
    since: timestamp,
  })
  .meta({ id: "Relationship" });
export type RelationshipDto = z.infer<typeof relationshipOutput>;

/** A friend's status as others see it (`invisible` shows as offline); pending requests and blocks show none. */
export const visibleStatusOutput = z
  .object({
    status: z.enum(["online", "idle", "dnd", "offline"]),
    custom: z.object({ text: z.string(), emoji: z.string().nullable(), expiresAt: timestamp.nullable() }).optional(),
  })
  .meta({ id: "VisibleStatus" });
export const friendOutput = relationshipOutput.extend({ presence: visibleStatusOutput.nullable() }).meta({ id: "Friend" });

export function toUserSummary(user: { id: bigint; username: string; displayName: string | null; avatar: string | null }): UserSummaryDto {
  return { id: String(user.id), username: user.username, displayName: user.displayName, avatarUrl: avatarUrlOf(user.id, user.avatar) };
}
