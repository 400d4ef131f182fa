import type { Server } from "@chat/db";
import { type Actor, isAllowed } from "@chat/policy/permissions";
import { role } from "@chat/validators";
import { z } from "zod";

import { id, timestamp } from "../core/dto";
import { iconUrlOf } from "../images/urls";

const standingCode = z.string().meta({ description: "The server's standing invite code" });
const serverShape = {
  id,
  name: z.string(),
  ownerId: id,
  inviteCode: standingCode.nullable().meta({ description: "The server's standing invite code; null unless you may manage invites (owners and admins)" }),
  createdAt: timestamp,
  iconUrl: z
    .string()
    .nullable()
    .meta({ description: "The icon, 128×128 WebP (32, 64 or 256 as the last segment for other sizes); null: none, show initials" }),
};
export const serverOutput = z.object(serverShape).meta({ id: "Server" });
/** What creating a server or replacing its code answers: the one who did it is handed the code. */
export const serverWithInviteCodeOutput = z.object({ ...serverShape, inviteCode: standingCode }).meta({ id: "ServerWithInviteCode" });
export const serverWithRoleOutput = z
  .object({
    ...serverShape,
    role: role.meta({ description: "The caller's role in this server" }),
    permissions: z.string().meta({ description: "The caller's permission flags in this server: a bigint as a decimal string" }),
    rank: z.number().int().meta({ description: "The position of the caller's highest role (@everyone is 0): they manage only what stands below it" }),
  })
  .meta({ id: "ServerWithRole" });

export type ServerDto = z.infer<typeof serverOutput>;

/**
 * The server as `viewer` sees it. The standing code lets anyone join, never runs out and only
 * those who manage invites can replace it: others get null (members invite with invites of their own).
 */
export function toServer(server: Server, viewer: Actor): ServerDto {
  return {
    id: String(server.id),
    name: server.name,
    ownerId: String(server.ownerId),
    inviteCode: isAllowed("invite.manage", viewer) ? server.inviteCode : null,
    createdAt: server.createdAt,
    iconUrl: iconUrlOf(server.id, server.icon),
  };
}
