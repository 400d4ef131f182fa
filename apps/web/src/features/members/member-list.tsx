"use client";

import { useLocale, useTranslations } from "next-intl";

import { Clock, Crown } from "~/components/icons";
import { Avatar, type DotStatus } from "~/components/ui/avatar";
import { Skeleton } from "~/components/ui/skeleton";
import { memberSubject } from "~/lib/can";
import { cn } from "~/lib/cn";

import { formatExact } from "../messages/format-time";
import { PersonName } from "../people/person-name";
import { shownName } from "../people/shown-name";
import { nameColourOf } from "../roles/role-colour";
import { useRoles } from "../roles/use-roles";
import { useMembership, useViewer } from "../shell/use-viewer";
import { groupMembers } from "./group-members";
import { MemberActions } from "./member-actions";
import { type Presence, usePresenceMap } from "./presence-cache";
import { useChannelViewers, useMembers } from "./use-member-cache";

function CustomStatusLine({ custom }: { custom: Presence["custom"] }) {
  if (!custom) return null;
  return (
    <span data-custom-status className="truncate text-xs text-muted">
      {custom.emoji && <span className="mr-1">{custom.emoji}</span>}
      {custom.text}
    </span>
  );
}

/**
 * The right column: members online under their highest hoisted role, then the others online, then
 * offline; names in their role's colour, each with a live presence dot, custom status and actions.
 * With `channelId`, only the members who can see that channel.
 */
export function MemberList({ serverId, channelId, className }: { serverId: string; channelId?: string; className?: string }) {
  const t = useTranslations("members.list");
  const locale = useLocale();
  const members = useMembers(serverId);
  const viewers = useChannelViewers(serverId, channelId);
  const roles = useRoles(serverId).data ?? [];
  const presence = usePresenceMap(serverId);
  const viewer = useViewer();
  const me = useMembership(serverId);
  // The viewer is online to themselves whatever the socket last said (invisible included).
  const statusOf = (userId: string): DotStatus => {
    const status = presence[userId]?.status ?? "offline";
    return userId === viewer?.id && status === "offline" ? "online" : status;
  };
  const shown = viewers.data ? (members.data ?? []).filter((member) => viewers.data.has(member.userId)) : (members.data ?? []);
  const pending = members.isPending || (channelId !== undefined && viewers.isPending);
  const groups = pending ? [] : groupMembers(shown, roles, (userId) => statusOf(userId) !== "offline", { online: t("online"), offline: t("offline") });

  return (
    <aside aria-label={t("label")} className={cn("scrollbar-thin w-60 shrink-0 overflow-y-auto bg-panel px-2 py-4", className)}>
      {pending && (
        <div className="flex flex-col gap-3 px-2">
          {Array.from({ length: 5 }, (_, index) => (
            <div key={index} className="flex items-center gap-3">
              <Skeleton className="size-8 rounded-full" />
              <Skeleton className="h-4 w-24" />
            </div>
          ))}
        </div>
      )}
      {groups.map((group) => (
        <section key={group.key} aria-label={group.label} className="mb-4">
          <h2 className="px-2 pb-1 text-xs font-semibold tracking-wide text-muted uppercase">
            {group.label} — {group.members.length}
          </h2>
          <ul>
            {group.members.map((member) => (
              <li
                key={member.userId}
                data-user={member.username}
                className="group relative flex items-center gap-3 rounded-md px-2 py-1.5 hover:bg-hover"
              >
                {/* Offline people fade, as in Discord, but their names stay readable. */}
                <Avatar name={shownName(member)} src={member.avatarUrl} size="sm" online={statusOf(member.userId)} className={cn(!member.online && "opacity-45")} />
                <span className="flex min-w-0 flex-1 flex-col items-start">
                  <PersonName
                    userId={member.userId}
                    serverId={serverId}
                    className={cn("max-w-full truncate text-left text-[15px] font-medium", member.online ? "text-text" : "text-muted")}
                    style={{ color: member.online ? nameColourOf(member.roleIds, roles) : undefined }}
                  >
                    {shownName(member)}
                  </PersonName>
                  <CustomStatusLine custom={presence[member.userId]?.custom} />
                </span>
                {member.role === "owner" && <Crown className="size-3.5 shrink-0 text-warning" aria-label={t("owner")} />}
                {member.timedOutUntil && member.timedOutUntil > new Date() && (
                  <span title={t("timedOut", { until: formatExact(member.timedOutUntil, locale) })} className="flex shrink-0">
                    <Clock className="size-3.5 text-[#fa777c]" aria-label={t("timedOut", { until: formatExact(member.timedOutUntil, locale) })} />
                  </span>
                )}
                <MemberActions serverId={serverId} viewer={me} member={member} subject={memberSubject(member.userId, member, roles)} roles={roles} />
                <span className="sr-only">{t(`statuses.${statusOf(member.userId)}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}
