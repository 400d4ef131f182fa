import type { RouterOutputs } from "@chat/api";
import type { Role } from "@chat/validators";

export type Member = RouterOutputs["member"]["list"][number];

export interface MemberGroup {
  role: Role;
  label: string;
  members: (Member & { online: boolean })[];
}

const labels: Record<Role, string> = { owner: "Owner", admin: "Admins", member: "Members" };
const order: Role[] = ["owner", "admin", "member"];

/** The member list's sections: by role, and within a role the people online first, then by name. */
export function groupMembers(members: Member[], isOnline: (userId: string) => boolean): MemberGroup[] {
  return order
    .map((role) => ({
      role,
      label: labels[role],
      members: members
        .filter((member) => member.role === role)
        .map((member) => ({ ...member, online: isOnline(member.userId) }))
        .sort((a, b) => Number(b.online) - Number(a.online) || a.username.localeCompare(b.username)),
    }))
    .filter((group) => group.members.length > 0);
}
