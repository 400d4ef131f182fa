"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

import { UserPlus, X } from "~/components/icons";
import { Avatar } from "~/components/ui/avatar";
import { Button, IconButton } from "~/components/ui/button";
import { inputClass } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { type Person, memberSubject, refusal, roleSubject } from "~/lib/can";
import { cn } from "~/lib/cn";

import { useMembers } from "../../members/use-member-cache";
import { useAssignRole } from "../../roles/use-assign-role";
import { type ServerRole, useRoles } from "../../roles/use-roles";
import type { Server } from "./server-settings-dialog";

/** A role's members: add one from those without it, remove any; each only when the hierarchy allows it. */
export function RoleMembers({ server, viewer, role }: { server: Server; viewer: Person; role: ServerRole }) {
  const t = useTranslations("servers.settings.roleMembers");
  const describeError = useDescribeError();
  const members = useMembers(server.id).data ?? [];
  const roles = useRoles(server.id).data ?? [];
  const assign = useAssignRole(server.id);
  const [adding, setAdding] = useState("");
  const roleRefusal = refusal("role.manage", viewer, roleSubject(role));
  const why = (userId: string) =>
    roleRefusal ?? refusal("member.assignRole", viewer, memberSubject(userId, members.find((member) => member.userId === userId), roles));
  const holders = members.filter((member) => member.roleIds.includes(role.id));
  const others = members.filter((member) => !member.roleIds.includes(role.id) && why(member.userId) === null);

  return (
    <div className="flex flex-col gap-3 pt-1">
      <form
        className="flex gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (!adding) return;
          assign.toggle(adding, role.id, true);
          setAdding("");
        }}
      >
        <select
          aria-label={t("add", { role: role.name })}
          value={adding}
          disabled={roleRefusal !== null || others.length === 0}
          title={roleRefusal ?? undefined}
          onChange={(event) => setAdding(event.target.value)}
          className={cn(inputClass, "flex-1 py-2")}
        >
          <option value="">{others.length === 0 ? t("noneToAdd") : t("choose")}</option>
          {others.map((member) => (
            <option key={member.userId} value={member.userId}>
              {member.username}
            </option>
          ))}
        </select>
        <Button type="submit" size="sm" disabled={!adding} pending={assign.pending}>
          <UserPlus className="size-4" aria-hidden /> {t("submit")}
        </Button>
      </form>
      <ErrorText>{assign.error && describeError(assign.error)}</ErrorText>
      {holders.length === 0 ? (
        <p className="py-6 text-center text-sm text-muted">{t("empty")}</p>
      ) : (
        <ul aria-label={t("list", { role: role.name })} className="flex flex-col">
          {holders.map((member) => {
            const reason = why(member.userId);
            return (
              <li key={member.userId} className="group flex items-center gap-3 rounded-md px-2 py-1.5 hover:bg-hover">
                <Avatar name={member.username} size="sm" />
                <span className="min-w-0 flex-1 truncate text-sm font-medium text-strong">{member.username}</span>
                <IconButton
                  label={reason ?? t("remove", { role: role.name, name: member.username })}
                  disabled={reason !== null || assign.pending}
                  onClick={() => assign.toggle(member.userId, role.id, false)}
                  className="size-7 disabled:cursor-not-allowed disabled:opacity-40"
                >
                  <X className="size-4" aria-hidden />
                </IconButton>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
