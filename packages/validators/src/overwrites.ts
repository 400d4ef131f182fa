import { z } from "zod";

import { id } from "./primitives";
import { permissionBits } from "./roles";

/** Whom an overwrite concerns: a role of the server (`@everyone` included) or one of its members. */
export const overwriteTarget = {
  targetType: z.enum(["role", "member"]),
  targetId: id.meta({ description: "The role's id, or the member's user id" }),
};
const allowDeny = {
  allow: permissionBits.meta({ description: "Flags granted here: a bigint as a decimal string" }),
  deny: permissionBits.meta({ description: "Flags taken away here: a bigint as a decimal string" }),
};

export const categoryOverwritesInput = z.object({ serverId: id, categoryId: id });
export const channelOverwriteInput = z.object({ channelId: id, ...overwriteTarget });
export const categoryOverwriteInput = z.object({ serverId: id, categoryId: id, ...overwriteTarget });
export const setChannelOverwriteInput = channelOverwriteInput.extend(allowDeny);
export const setCategoryOverwriteInput = categoryOverwriteInput.extend(allowDeny);
