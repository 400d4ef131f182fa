"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { Ban, Clock, Pencil, Tag, UserMinus } from "~/components/icons";
import { IconButton } from "~/components/ui/button";
import { can } from "~/lib/can";

import { MessageButton } from "../conversations/message-button";
import type { MemberDialogKind, MemberDialogProps } from "./member-dialogs";

// Loaded when first opened: moderating a member is rare next to reading the list.
const MemberDialog = dynamic(() => import("./member-dialogs").then((module) => module.MemberDialog), { ssr: false });

type MemberActionsProps = Omit<MemberDialogProps, "kind" | "onClose">;

/** Message, nickname, roles, time out, kick and ban buttons beside a member, all but the first shown only when the permission table allows them. */
export function MemberActions({ serverId, viewer, member, subject, roles }: MemberActionsProps) {
  const t = useTranslations("members.actions");
  const [dialog, setDialog] = useState<MemberDialogKind | null>(null);
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
          <IconButton label={t("changeNickname", { name: member.username })} onClick={() => setDialog("nickname")} className={buttonClass}>
            <Pencil className="size-4" aria-hidden />
          </IconButton>
        )}
        {allowed.message && <MessageButton userId={member.userId} name={member.username} compact className={buttonClass} />}
        {allowed.roles && (
          <IconButton label={t("roles", { name: member.username })} onClick={() => setDialog("roles")} className={buttonClass}>
            <Tag className="size-4" aria-hidden />
          </IconButton>
        )}
        {allowed.timeout && (
          <IconButton
            label={member.timedOutUntil ? t("timeoutOf", { name: member.username }) : t("timeOut", { name: member.username })}
            onClick={() => setDialog("timeout")}
            className={buttonClass}
          >
            <Clock className="size-4" aria-hidden />
          </IconButton>
        )}
        {allowed.kick && (
          <IconButton label={t("kick", { name: member.username })} onClick={() => setDialog("kick")} className={buttonClass}>
            <UserMinus className="size-4" aria-hidden />
          </IconButton>
        )}
        {allowed.ban && (
          <IconButton label={t("ban", { name: member.username })} onClick={() => setDialog("ban")} className={buttonClass}>
            <Ban className="size-4" aria-hidden />
          </IconButton>
        )}
      </span>
      {dialog && (
        <MemberDialog kind={dialog} serverId={serverId} viewer={viewer} member={member} subject={subject} roles={roles} onClose={() => setDialog(null)} />
      )}
    </>
  );
}
