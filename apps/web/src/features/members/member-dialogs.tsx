"use client";

import { limits } from "@chat/validators/limits";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { FormEvent } from "react";

import { Button } from "~/components/ui/button";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { Field } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import type { Person, Subject } from "~/lib/can";
import { useTRPC } from "~/trpc/react";

import { RoleChecklist } from "../roles/role-checklist";
import { useAssignRole } from "../roles/use-assign-role";
import type { ServerRole } from "../roles/use-roles";
import type { Member } from "./group-members";
import { NicknameDialog } from "./nickname-dialog";
import { TimeoutDialog } from "./timeout-dialog";

export type MemberDialogKind = "nickname" | "roles" | "timeout" | "kick" | "ban";

export interface MemberDialogProps {
  kind: MemberDialogKind;
  serverId: string;
  viewer: Person | undefined;
  member: Member;
  /** The member as the permission table sees them (their rank from their roles). */
  subject: Subject;
  roles: ServerRole[];
  onClose: () => void;
}

/** The dialog a member's action opens: one module, loaded when the first of them is asked for. */
export function MemberDialog({ kind, ...props }: MemberDialogProps) {
  const { serverId, member, onClose } = props;
  if (kind === "nickname") return <NicknameDialog serverId={serverId} member={member} onClose={onClose} />;
  if (kind === "timeout") return <TimeoutDialog serverId={serverId} member={member} onClose={onClose} />;
  if (kind === "roles") return <MemberRolesDialog {...props} />;
  return <RemovalDialog banning={kind === "ban"} serverId={serverId} member={member} onClose={onClose} />;
}

function MemberRolesDialog({ serverId, viewer, member, subject, roles, onClose }: Omit<MemberDialogProps, "kind">) {
  const t = useTranslations("members.actions");
  const describeError = useDescribeError();
  const assign = useAssignRole(serverId);
  return (
    <Dialog open onClose={onClose} title={t("roles", { name: member.username })} description={t("rolesDescription")}>
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

function RemovalDialog({ serverId, member, banning, onClose }: { serverId: string; member: Member; banning: boolean; onClose: () => void }) {
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
  const mutation = useMutation((banning ? trpc.member.ban : trpc.member.remove).mutationOptions({ onSuccess }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "");
    mutation.mutate({ serverId, userId: member.userId, reason });
  }

  return (
    <Dialog
      open
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
