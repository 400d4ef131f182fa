"use client";

import { limits } from "@chat/validators/limits";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";

import { Pencil } from "~/components/icons";
import { Button } from "~/components/ui/button";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { Field } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { can, memberSubject } from "~/lib/can";
import { useTRPC } from "~/trpc/react";

import { shownName } from "../people/shown-name";
import { useRoles } from "../roles/use-roles";
import { useMembership } from "../shell/use-viewer";
import type { Member } from "./group-members";
import { useMembers, useReplaceMember } from "./use-member-cache";

/** Sets a member's nickname in the server (their own, or someone's below the viewer), or clears it: an empty field clears it too. */
export function NicknameDialog({ serverId, member, onClose }: { serverId: string; member: Member; onClose: () => void }) {
  const t = useTranslations("members.nickname");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const replaceMember = useReplaceMember();
  const setNickname = useMutation(
    trpc.member.setNickname.mutationOptions({
      onSuccess: (changed) => {
        replaceMember(serverId, changed);
        onClose();
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const nickname = String(new FormData(event.currentTarget).get("nickname") ?? "").trim();
    setNickname.mutate({ serverId, userId: member.userId, nickname: nickname || null });
  }

  return (
    <Dialog open onClose={onClose} title={t("title", { name: member.username })} description={t("description")}>
      <form onSubmit={submit} className="flex flex-col gap-4">
        <Field
          label={t("label")}
          name="nickname"
          defaultValue={member.nickname ?? ""}
          maxLength={limits.nickname.max}
          placeholder={member.displayName ?? member.username}
          hint={t("hint", { name: shownName({ ...member, nickname: null }) })}
          autoFocus
        />
        <ErrorText>{setNickname.error && describeError(setNickname.error)}</ErrorText>
        <DialogActions onCancel={onClose}>
          <Button type="submit" pending={setNickname.isPending}>
            {t("save")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** "Change nickname" on a profile card opened in a server: for oneself, or for someone below a viewer who manages nicknames. */
export function ChangeNicknameButton({ serverId, userId }: { serverId: string; userId: string }) {
  const t = useTranslations("members.nickname");
  const [open, setOpen] = useState(false);
  const member = useMembers(serverId).data?.find((candidate) => candidate.userId === userId);
  const roles = useRoles(serverId).data ?? [];
  const viewer = useMembership(serverId);
  if (!member || !can("member.setNickname", viewer, memberSubject(userId, member, roles))) return null;
  return (
    <>
      <Button size="sm" variant="secondary" className="mt-3" onClick={() => setOpen(true)}>
        <Pencil className="size-4" aria-hidden /> {t("change")}
      </Button>
      {open && <NicknameDialog serverId={serverId} member={member} onClose={() => setOpen(false)} />}
    </>
  );
}
