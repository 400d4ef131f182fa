"use client";

import { limits } from "@chat/validators/limits";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Ban, Clock, Pencil, Tag, UserMinus } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";

import { Button, IconButton } from "~/components/ui/button";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { Field } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { type Person, type Subject, can } from "~/lib/can";
import { useTRPC } from "~/trpc/react";

import { MessageButton } from "../conversations/message-button";
import { RoleChecklist } from "../roles/role-checklist";
import { useAssignRole } from "../roles/use-assign-role";
import type { ServerRole } from "../roles/use-roles";
import type { Member } from "./group-members";
import { NicknameDialog } from "./nickname-dialog";
import { TimeoutDialog } from "./timeout-dialog";

type Removal = "kick" | "ban";

interface MemberActionsProps {
  serverId: string;
  viewer: Person | undefined;
  member: Member;
  /** The member as the permission table sees them (their rank from their roles). */
  subject: Subject;
  roles: ServerRole[];
}

/** Message, nickname, roles, time out, kick and ban buttons beside a member, all but the first shown only when the permission table allows them. */
export function MemberActions({ serverId, viewer, member, subject, roles }: MemberActionsProps) {
  const t = useTranslations("members.actions");
  const [removal, setRemoval] = useState<Removal | null>(null);
  const [timingOut, setTimingOut] = useState(false);
  const [editingRoles, setEditingRoles] = useState(false);
  const [naming, setNaming] = useState(false);
  const allowed = {
    nickname: can("member.setNickname", viewer, subject),
    message: member.userId !== viewer?.userId,
    roles: can("member.assignRole", viewer, subject),
    kick: can("member.remove", viewer, subject),
    ban: can("member.ban", viewer, subject),
    timeout: can("member.timeout", viewer, subject),
  };
  if (!Object.values(allowed).some(Boolean)) return null;
  const buttonClass = "size-7 hover:bg-active";
  return (
    <>
      {/*
        A toolbar floating above the row, only while it is hovered or focused: the name
        stays whole and clickable (it opens the profile card), and a hidden bar catches no clicks.
      */}
      <span className="pointer-events-none absolute -top-7 right-1 z-10 flex items-center gap-0.5 rounded-md border border-rail bg-panel p-0.5 opacity-0 shadow-md group-hover:pointer-events-auto group-hover:opacity-100 focus-within:pointer-events-auto focus-within:opacity-100">
        {allowed.nickname && (
          <IconButton label={t("changeNickname", { name: member.username })} onClick={() => setNaming(true)} className={buttonClass}>
            <Pencil className="size-4" aria-hidden />
          </IconButton>
        )}
        {allowed.message && <MessageButton userId={member.userId} name={member.username} compact className={buttonClass} />}
        {allowed.roles && (
          <IconButton label={t("roles", { name: member.username })} onClick={() => setEditingRoles(true)} className={buttonClass}>
            <Tag className="size-4" aria-hidden />
          </IconButton>
        )}
        {allowed.timeout && (
          <IconButton
            label={member.timedOutUntil ? t("timeoutOf", { name: member.username }) : t("timeOut", { name: member.username })}
            onClick={() => setTimingOut(true)}
            className={buttonClass}
          >
            <Clock className="size-4" aria-hidden />
          </IconButton>
        )}
        {allowed.kick && (
          <IconButton label={t("kick", { name: member.username })} onClick={() => setRemoval("kick")} className={buttonClass}>
            <UserMinus className="size-4" aria-hidden />
          </IconButton>
        )}
        {allowed.ban && (
          <IconButton label={t("ban", { name: member.username })} onClick={() => setRemoval("ban")} className={buttonClass}>
            <Ban className="size-4" aria-hidden />
          </IconButton>
        )}
      </span>
      <RemovalDialog serverId={serverId} member={member} removal={removal} onClose={() => setRemoval(null)} />
      {naming && <NicknameDialog serverId={serverId} member={member} onClose={() => setNaming(false)} />}
      {timingOut && <TimeoutDialog serverId={serverId} member={member} onClose={() => setTimingOut(false)} />}
      <MemberRolesDialog
        open={editingRoles}
        serverId={serverId}
        viewer={viewer}
        member={member}
        subject={subject}
        roles={roles}
        onClose={() => setEditingRoles(false)}
      />
    </>
  );
}

function MemberRolesDialog({ open, onClose, ...props }: MemberActionsProps & { open: boolean; onClose: () => void }) {
  const { serverId, viewer, member, subject, roles } = props;
  const t = useTranslations("members.actions");
  const describeError = useDescribeError();
  const assign = useAssignRole(serverId);
  return (
    <Dialog open={open} onClose={onClose} title={t("roles", { name: member.username })} description={t("rolesDescription")}>
      <RoleChecklist
        roles={roles}
        held={member.roleIds}
        viewer={viewer}
        member={subject}
        disabled={assign.pending}
        onToggle={(roleId, held) => assign.toggle(member.userId, roleId, held)}
      />
      <ErrorText>{assign.error && describeError(assign.error)}</ErrorText>
    </Dialog>
  );
}

function RemovalDialog({ serverId, member, removal, onClose }: { serverId: string; member: Member; removal: Removal | null; onClose: () => void }) {
  const t = useTranslations("members.actions");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = async () => {
    onClose();
    await Promise.all([
      queryClient.invalidateQueries(trpc.member.list.queryFilter({ serverId })),
      queryClient.invalidateQueries(trpc.member.listBans.queryFilter({ serverId })),
    ]);
  };
  const kick = useMutation(trpc.member.remove.mutationOptions({ onSuccess }));
  const ban = useMutation(trpc.member.ban.mutationOptions({ onSuccess }));
  const mutation = removal === "ban" ? ban : kick;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "");
    const input = { serverId, userId: member.userId, reason };
    if (removal === "ban") ban.mutate(input);
    else kick.mutate(input);
  }

  const banning = removal === "ban";
  return (
    <Dialog
      open={removal !== null}
      onClose={onClose}
      title={t(banning ? "ban" : "kick", { name: member.username })}
      description={t(banning ? "banDescription" : "kickDescription")}
    >
      <form onSubmit={submit} className="flex flex-col gap-4">
        <Field label={t("reason")} name="reason" maxLength={limits.banReason.max} hint={t("reasonHint")} />
        <ErrorText>{mutation.error && describeError(mutation.error)}</ErrorText>
        <DialogActions onCancel={onClose}>
          <Button type="submit" variant="danger" pending={mutation.isPending}>
            {t(banning ? "banButton" : "kickButton")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
