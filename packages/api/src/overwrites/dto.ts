import { permissionsToString } from "@chat/policy/permission-flags";
import { z } from "zod";

import { id } from "../core/dto";

export const overwriteOutput = z
  .object({
    targetType: z.enum(["role", "member"]),
    targetId: id.meta({ description: "The role's id, or the member's user id" }),
    allow: z.string().meta({ description: "Flags granted: a bigint as a decimal string" }),
    deny: z.string().meta({ description: "Flags taken away: a bigint as a decimal string" }),
  })
  .meta({ id: "Overwrite" });

export const overwritesOutput = z
  .object({
    synced: z.boolean().meta({ description: "A channel that takes its category's overwrites (those listed); false for a category" }),
    overwrites: z.array(overwriteOutput),
  })
  .meta({ id: "Overwrites" });

export type OverwritesDto = z.infer<typeof overwritesOutput>;

export function toOverwrite(row: { targetType: "role" | "member"; targetId: bigint; allow: bigint; deny: bigint }) {
  return { targetType: row.targetType, targetId: String(row.targetId), allow: permissionsToString(row.allow), deny: permissionsToString(row.deny) };
}
