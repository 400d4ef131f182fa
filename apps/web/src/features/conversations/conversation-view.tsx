"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useCallback, useMemo, useState } from "react";

import { Bell, BellOff, Crown, LogOut, Menu, MessageCircle, Pencil, UserMinus, UserPlus, Users } from "~/components/icons";
import { Avatar } from "~/components/ui/avatar";
import { IconButton } from "~/components/ui/button";
import { EmptyState, ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

import { MessagePane } from "../messages/message-pane";
import type { Standing } from "../messages/use-message-actions";
import { PersonName } from "../people/person-name";
import { shownName } from "../people/shown-name";
import { nameOf } from "../people/use-relationships";
import { useShell } from "../shell/shell-state";
import { SidePanel, SidePanelToggle } from "../shell/side-panel";
import { useViewer } from "../shell/use-viewer";
import { NotificationPermission } from "../unread/notification-permission";
import { type ConversationSummary, conversationTitle, othersIn } from "./conversation-cache";
import { AddToGroupDialog, LeaveGroupDialog, RenameGroupDialog } from "./group-dialogs";
import { useConversationCache, useConversations, useMuteConversation } from "./use-conversations";

/**
 * A DM's or group's rules for its messages: its people are named from it, each person edits and deletes only their own
 * messages, and nothing is pinned.
 */
function useConversationStanding(conversation: ConversationSummary | undefined, viewerId: string | undefined): Standing {
  const t = useTranslations("conversations.view");
  return useMemo<Standing>(() => {
    const byId = new Map(conversation?.recipients.map((user) => [user.id, user]));
    const own = (message: { author: { id: string } | null }) => !!viewerId && message.author?.id === viewerId;
    return {
      serverId: null,
      memberName: (userId) => byId.get(userId)?.username,
      nameOf: (person) => (person ? shownName(byId.get(person.id) ?? person) : t("deletedUser")),
      avatarOf: (person) => (person ? (byId.get(person.id) ?? person).avatarUrl ?? null : null),
      nameColour: () => undefined,
      canDelete: own,
      canEdit: own,
      canPin: false,
      pins: false,
      canAttach: true,
    };
  }, [conversation, viewerId, t]);
}

/** An open DM or group (`/channels/me/[channelId]`): its header, the conversation, and a group's people beside it. */
export function ConversationView({ channelId }: { channelId: string }) {
  const t = useTranslations("conversations");
  const conversations = useConversations();
  const conversation = conversations.data?.find((candidate) => candidate.id === channelId);
  const viewerId = useViewer()?.id;
  const standing = useConversationStanding(conversation, viewerId);
  const { touch } = useConversationCache();
  // The reader's own sends move it up their list too (`user.onEvent` tells only the others).
  const onNewest = useCallback((messageId: string) => touch(channelId, messageId), [touch, channelId]);

  if (conversations.isSuccess && !conversation) {
    return (
      <main className="flex flex-1 items-center justify-center bg-chat">
        <EmptyState
          icon={<MessageCircle className="size-8" aria-hidden />}
          title={t("view.goneTitle")}
          action={
            <Link href="/channels" className="text-[#00a8fc] hover:underline">
              {t("view.backHome")}
            </Link>
          }
        >
          {t("view.goneBody")}
        </EmptyState>
      </main>
    );
  }

  const title = conversation ? conversationTitle(conversation, viewerId, t) : "…";
  const dm = conversation?.kind === "dm";
  return (
    <main className="flex min-w-0 flex-1 flex-col bg-chat">
      <ConversationHeader conversation={conversation} muted={conversation?.muted ?? false} title={title} />
      <div className="flex min-h-0 flex-1">
        <MessagePane
          serverId={null}
          channelId={channelId}
          label={dm ? `@${title}` : title}
          start={conversation && <ConversationStart conversation={conversation} title={title} />}
          ready={!!conversation}
          standing={standing}
          onNewest={onNewest}
        />
        {conversation?.kind === "group" && (
          <SidePanel closeLabel={t("view.closePeople")}>
            <GroupMembers conversation={conversation} />
          </SidePanel>
        )}
      </div>
    </main>
  );
}

function ConversationHeader({ conversation, muted, title }: { conversation: ConversationSummary | undefined; muted: boolean; title: string }) {
  const t = useTranslations("conversations.view");
  const { setNavOpen } = useShell();
  const [dialog, setDialog] = useState<"add" | "rename" | "leave" | null>(null);
  const close = () => setDialog(null);
  const group = conversation?.kind === "group" ? conversation : undefined;
  return (
    <header className="flex h-12 shrink-0 items-center gap-2 border-b border-rail px-3 shadow-sm">
      <IconButton label={t("openConversations")} className="md:hidden" onClick={() => setNavOpen(true)}>
        <Menu className="size-5" aria-hidden />
      </IconButton>
      {group ? <Users className="size-6 shrink-0 text-faint" aria-hidden /> : <Avatar name={title} size="sm" className="scale-75" />}
      <h1 className="min-w-0 truncate font-semibold text-strong">{title}</h1>
      <div className="ml-auto flex shrink-0 items-center gap-1">
        <NotificationPermission />
        {conversation && <MuteConversationButton channelId={conversation.id} muted={muted} />}
        {group && (
          <>
            <IconButton label={t("rename")} onClick={() => setDialog("rename")}>
              <Pencil className="size-5" aria-hidden />
            </IconButton>
            <IconButton label={t("add")} onClick={() => setDialog("add")}>
              <UserPlus className="size-5" aria-hidden />
            </IconButton>
            <IconButton label={t("leave")} onClick={() => setDialog("leave")} className="hover:text-danger">
              <LogOut className="size-5" aria-hidden />
            </IconButton>
            <SidePanelToggle show={t("showPeople")} hide={t("hidePeople")} />
            <AddToGroupDialog conversation={group} open={dialog === "add"} onClose={close} />
            <RenameGroupDialog conversation={group} open={dialog === "rename"} onClose={close} />
            <LeaveGroupDialog conversation={group} title={title} open={dialog === "leave"} onClose={close} />
          </>
        )}
      </div>
    </header>
  );
}

function MuteConversationButton({ channelId, muted }: { channelId: string; muted: boolean }) {
  const t = useTranslations("conversations.view");
  const { mutate, isPending } = useMuteConversation(channelId);
  return (
    <IconButton label={muted ? t("unmute") : t("mute")} aria-pressed={muted} disabled={isPending} onClick={() => mutate({ channelId, muted: !muted })}>
      {muted ? <BellOff className="size-5" aria-hidden /> : <Bell className="size-5" aria-hidden />}
    </IconButton>
  );
}

function ConversationStart({ conversation, title }: { conversation: ConversationSummary; title: string }) {
  const t = useTranslations("conversations.view");
  const viewerId = useViewer()?.id;
  const other = othersIn(conversation, viewerId)[0];
  return (
    <div className="px-4 pt-8 pb-2">
      {conversation.kind === "dm" ? (
        <Avatar name={title} className="mb-3 scale-150 origin-top-left" />
      ) : (
        <div className="mb-3 flex size-16 items-center justify-center rounded-full bg-field">
          <Users className="size-9 text-strong" aria-hidden />
        </div>
      )}
      <h2 className="text-3xl font-bold text-strong">{title}</h2>
      <p className="mt-1 text-muted">
        {conversation.kind === "dm" && other
          ? t("dmStart", { name: nameOf(other) })
          : t("groupStart", { title })}
      </p>
    </div>
  );
}

/** A group's people, its owner crowned; the owner removes the others from here. */
function GroupMembers({ conversation }: { conversation: ConversationSummary }) {
  const t = useTranslations("conversations.view");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const viewerId = useViewer()?.id;
  // The group's people change by the `conversation` event the removal publishes.
  const remove = useMutation(trpc.group.removeRecipient.mutationOptions());
  const owner = conversation.ownerId === viewerId;
  return (
    <aside aria-label={t("people")} className="scrollbar-thin flex w-60 shrink-0 flex-col gap-1 overflow-y-auto bg-panel px-2 py-4">
      <h2 className="px-2 text-xs font-semibold tracking-wide text-muted uppercase">{t("membersHeading", { count: conversation.recipients.length })}</h2>
      <ul className="flex flex-col">
        {conversation.recipients.map((user) => (
          <li key={user.id} className="group relative flex items-center gap-3 rounded-md px-2 py-1.5 hover:bg-hover">
            <Avatar name={nameOf(user)} size="sm" />
            <PersonName userId={user.id} className="min-w-0 truncate text-left text-text">
              {nameOf(user)}
            </PersonName>
            {user.id === conversation.ownerId && <Crown className="size-4 shrink-0 text-[#f0b232]" aria-label={t("owner")} />}
            {owner && user.id !== viewerId && (
              <IconButton
                label={t("remove", { name: nameOf(user) })}
                className="ml-auto size-7 opacity-0 group-hover:opacity-100 focus-visible:opacity-100"
                onClick={() => remove.mutate({ channelId: conversation.id, userId: user.id })}
              >
                <UserMinus className="size-4" aria-hidden />
              </IconButton>
            )}
          </li>
        ))}
      </ul>
      <ErrorText>{remove.error && describeError(remove.error)}</ErrorText>
    </aside>
  );
}
