import { z } from "zod";

import { limits } from "./limits";
import { id, line } from "./primitives";

export const roleName = line(limits.roleName.min, limits.roleName.max);
/** 0xRRGGBB as a number; null for the default colour. */
export const roleColour = z.number().int().min(0).max(0xff_ff_ff).nullable().meta({ description: "0xRRGGBB, or null for none" });
/** Permission flags (@chat/policy's permission-flags.ts) as a decimal string; bits that no flag names are dropped. */
export const permissionBits = z.string().regex(/^\d{1,20}$/, "must be a decimal string").meta({ description: "Permission flags: a bigint as a decimal string" });

export const roleIdInput = z.object({ serverId: id, roleId: id });
export const createRoleInput = z.object({
  serverId: id,
  name: roleName,
  colour: roleColour.optional(),
  permissions: permissionBits.optional(),
  mentionable: z.boolean().optional(),
  hoist: z.boolean().optional(),
});
export const changeRoleInput = z
  .object({
    serverId: id,
    roleId: id,
    name: roleName.optional(),
    colour: roleColour.optional(),
    permissions: permissionBits.optional(),
    mentionable: z.boolean().optional(),
    hoist: z.boolean().optional(),
  })
  .refine((value) => Object.keys(value).some((key) => key !== "serverId" && key !== "roleId"), "give something to change");
export const moveRoleInput = z.object({
  serverId: id,
  roleId: id,
  position: z.coerce.number().int().min(1).max(limits.rolesPerServer.max).meta({ description: "Its new place: 1 is just above @everyone" }),
});
export const memberRoleInput = z.object({ serverId: id, userId: id, roleId: id });
