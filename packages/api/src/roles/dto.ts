import type { RoleRow } from "@chat/db";
import { permissionsToString } from "@chat/policy/permission-flags";
import { z } from "zod";

import { id } from "../core/dto";

export const roleOutput = z
  .object({
    id,
    name: z.string(),
    colour: z.number().int().nullable().meta({ description: "0xRRGGBB, or null for none" }),
    position: z.number().int().meta({ description: "Its place in the hierarchy: @everyone is 0, the highest role the largest" }),
    permissions: z.string().meta({ description: "Permission flags: a bigint as a decimal string" }),
    mentionable: z.boolean(),
    hoist: z.boolean().meta({ description: "Whether the member list shows its holders apart" }),
    builtIn: z.enum(["everyone", "admin"]).nullable().meta({ description: "@everyone and Admin come with every server" }),
  })
  .meta({ id: "Role" });

export type RoleDto = z.infer<typeof roleOutput>;

export function toRole(role: RoleRow): RoleDto {
  return {
    id: String(role.id),
    name: role.name,
    colour: role.colour,
    position: role.position,
    permissions: permissionsToString(role.permissions),
    mentionable: role.mentionable,
    hoist: role.hoist,
    builtIn: role.builtIn,
  };
}
