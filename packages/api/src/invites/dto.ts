import { z } from "zod";

import { id, person, timestamp } from "../core/dto";

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
