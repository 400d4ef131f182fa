import { role } from "@chat/validators";
import { z } from "zod";

import { id, person, timestamp } from "../core/dto";

export const memberOutput = z
  .object({
    userId: id,
    username: z.string(),
    role,
    joinedAt: timestamp,
    roleIds: z.array(id).meta({ description: "The roles they hold besides @everyone, highest first" }),
  })
  .meta({ id: "Member" });

export type MemberDto = z.infer<typeof memberOutput>;

export function toMember(member: { userId: bigint; username: string; role: MemberDto["role"]; joinedAt: Date; roleIds: string[] }): MemberDto {
  return { userId: String(member.userId), username: member.username, role: member.role, joinedAt: member.joinedAt, roleIds: member.roleIds };
}

export const banOutput = z
  .object({
    user: person,
    reason: z.string(),
    bannedBy: person.nullable().meta({ description: "null once that account is deleted" }),
    createdAt: timestamp,
  })
  .meta({ id: "Ban" });
