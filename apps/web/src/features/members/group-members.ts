import type { RouterOutputs } from "@chat/api";

import { shownName } from "../people/shown-name";

export type Member = RouterOutputs["member"]["list"][number];

export interface MemberGroup {
  /** A hoisted role's id, or `online` / `offline`. */
  key: string;
  label: string;
  members: (Member & { online: boolean })[];
}

interface HoistableRole {
  id: string;
  name: string;
  hoist: boolean;
}

/**
 * The member list's sections, as Discord draws them: people online under the highest hoisted role
 * they hold (hoisted roles highest first, `roles` come that way), the other people online, then
 * everyone offline; by the name shown within a section.
 */
export function groupMembers(
  members: Member[],
  roles: readonly HoistableRole[],
  isOnline: (userId: string) => boolean,
  /** The two last sections' headings, in the reader's language. */
  labels: { online: string; offline: string },
): MemberGroup[] {
  const hoisted = roles.filter((role) => role.hoist);
  const groups: MemberGroup[] = [
    ...hoisted.map((role) => ({ key: role.id, label: role.name, members: [] })),
    { key: "online", label: labels.online, members: [] },
    { key: "offline", label: labels.offline, members: [] },
  ];
  const byKey = new Map(groups.map((group) => [group.key, group]));
  const sorted = [...members].sort((a, b) => shownName(a).localeCompare(shownName(b)));
  for (const member of sorted) {
    const online = isOnline(member.userId);
    const key = online ? (hoisted.find((role) => member.roleIds.includes(role.id))?.id ?? "online") : "offline";
    byKey.get(key)!.members.push({ ...member, online });
  }
  return groups.filter((group) => group.members.length > 0);
}
