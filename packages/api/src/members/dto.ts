import { role } from "@chat/validators";
import { z } from "zod";

import { avatarUrl, id, person, timestamp } from "../core/dto";
import { avatarUrlOf } from "../images/urls";

export const memberOutput = z
  .object({
    userId: id,
    username: z.string(),
    displayName: z.string().nullable().meta({ description: "null: no display name, show the username" }),
    avatarUrl: avatarUrl,
    nickname: z.string().nullable().meta({ description: "Their name in this server, shown instead of the display name; null when none" }),
    role,
    joinedAt: timestamp,
    timedOutUntil: timestamp.nullable().meta({ description: "Until then they can read but not send, react or type; null when not timed out" }),
    roleIds: z.array(id).meta({ description: "The roles they hold besides @everyone, highest first" }),
  })
  .meta({ id: "Member" });

export type MemberDto = z.infer<typeof memberOutput>;

interface MemberRow {
  userId: bigint;
  username: string;
  displayName: string | null;
  avatar: string | null;
  nickname: string | null;
  role: MemberDto["role"];
  joinedAt: Date;
  timedOutUntil: Date | null;
  roleIds: string[];
}

export function toMember(member: MemberRow, now = new Date()): MemberDto {
  // A lapsed timeout stays in its column until the next one or its removal: it reads as none.
  const timedOutUntil = member.timedOutUntil && member.timedOutUntil > now ? member.timedOutUntil : null;
  const { username, displayName, nickname, role, joinedAt, roleIds } = member;
  const avatarUrl = avatarUrlOf(member.userId, member.avatar);
  return { userId: String(member.userId), username, displayName, avatarUrl, nickname, role, joinedAt, timedOutUntil, roleIds };
}

export const banOutput = z
  .object({
    user: person,
    reason: z.string(),
    bannedBy: person.nullable().meta({ description: "null once that account is deleted" }),
    createdAt: timestamp,
  })
  .meta({ id: "Ban" });
