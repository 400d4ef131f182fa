import { serverMembers, users } from "@chat/db";
import { role } from "@chat/validators";
import { z } from "zod";

import { id, person, timestamp } from "../core/dto";

export const memberOutput = z
  .object({
    userId: id,
    username: z.string(),
    role,
    joinedAt: timestamp,
    timedOutUntil: timestamp.nullable().meta({ description: "Until then they can read but not send, react or type; null when not timed out" }),
  })
  .meta({ id: "Member" });

export type MemberDto = z.infer<typeof memberOutput>;

interface MemberRow {
  userId: bigint;
  username: string;
  role: MemberDto["role"];
  joinedAt: Date;
  timedOutUntil: Date | null;
}

/** The columns a member's DTO is built from. */
export const memberColumns = {
  userId: serverMembers.userId,
  username: users.username,
  role: serverMembers.role,
  joinedAt: serverMembers.joinedAt,
  timedOutUntil: serverMembers.timedOutUntil,
};

export function toMember(member: MemberRow, now = new Date()): MemberDto {
  // A lapsed timeout stays in its column until the next one or its removal: it reads as none.
  const timedOutUntil = member.timedOutUntil && member.timedOutUntil > now ? member.timedOutUntil : null;
  return { userId: String(member.userId), username: member.username, role: member.role, joinedAt: member.joinedAt, timedOutUntil };
}

export const banOutput = z
  .object({
    user: person,
    reason: z.string(),
    bannedBy: person.nullable().meta({ description: "null once that account is deleted" }),
    createdAt: timestamp,
  })
  .meta({ id: "Ban" });
