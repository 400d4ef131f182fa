"use client";

import { limits } from "@chat/validators/limits";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";

import { Avatar } from "~/components/ui/avatar";
import { Button } from "~/components/ui/button";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { Field } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC, useTRPCClient } from "~/trpc/react";

import { nameOf } from "../people/use-relationships";
import { type ConversationSummary, conversationHref } from "./conversation-cache";
import { useConversationCache } from "./use-conversations";

/** Friends to tick, without those already in (`excluded`); at most `room` of them. */
function FriendPicker({ excluded, room, picked, onPick }: { excluded: ReadonlySet<string>; room: number; picked: string[]; onPick: (ids: string[]) => void }) {
  const t = useTranslations("conversations.groups");
  const trpc = useTRPC();
  const friends = useQuery(trpc.friend.list.queryOptions()).data?.filter((r) => r.kind === "friend" && !excluded.has(r.user.id));
  if (!friends) return <p className="text-sm text-muted">{t("loadingFriends")}</p>;
  if (friends.length === 0) return <p className="text-sm text-muted">{t("noFriends")}</p>;
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 text-xs font-bold tracking-wide text-muted uppercase">
        {t("friends", { picked: picked.length, room })}
      </legend>
      <ul className="scrollbar-thin flex max-h-64 flex-col overflow-y-auto">
        {friends.map(({ user }) => {
          const checked = picked.includes(user.id);
          return (
            <li key={user.id}>
              <label className="flex cursor-pointer items-center gap-3 rounded-md px-2 py-1.5 hover:bg-hover">
                <Avatar name={nameOf(user)} size="sm" />
                <span className="min-w-0 flex-1 truncate text-strong">{nameOf(user)}</span>
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={!checked && picked.length >= room}
                  onChange={() => onPick(checked ? picked.filter((id) => id !== user.id) : [...picked, user.id])}
                  className="size-4 accent-brand"
                />
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

const nobody = new Set<string>();

/** "New group" from Home: pick friends, name it if you like, and go to it. */
export function NewGroupDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("conversations.groups");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const router = useRouter();
  const cache = useConversationCache();
  const [picked, setPicked] = useState<string[]>([]);
  const create = useMutation(
    trpc.group.create.mutationOptions({
      onSuccess: (summary) => {
        cache.upsert(summary);
        close();
        router.push(conversationHref(summary.id));
      },
    }),
  );
  function close() {
    setPicked([]);
    create.reset();
    onClose();
  }
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "").trim();
    create.mutate({ userIds: picked, ...(name && { name }) });
  }
  return (
    <Dialog open={open} onClose={close} title={t("newTitle")} description={t("newDescription", { count: limits.groupRecipients.max - 1 })}>
      <form onSubmit={submit} className="flex flex-col gap-4">
        <FriendPicker excluded={nobody} room={limits.groupRecipients.max - 1} picked={picked} onPick={setPicked} />
        <Field label={t("name")} name="name" maxLength={limits.groupName.max} hint={t("nameHint")} />
        <ErrorText>{create.error && describeError(create.error)}</ErrorText>
        <DialogActions onCancel={close}>
          <Button type="submit" disabled={picked.length === 0} pending={create.isPending}>
            {t("create")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Adds friends to a group, one call each (the group's answer after the last one shows them all). */
export function AddToGroupDialog({ conversation, open, onClose }: { conversation: ConversationSummary; open: boolean; onClose: () => void }) {
  const t = useTranslations("conversations.groups");
  const describeError = useDescribeError();
  const client = useTRPCClient();
  const cache = useConversationCache();
  const [picked, setPicked] = useState<string[]>([]);
  const add = useMutation({
    mutationFn: async (userIds: string[]) => {
      for (const userId of userIds) cache.upsert(await client.group.addRecipient.mutate({ channelId: conversation.id, userId }));
    },
    onSuccess: () => close(),
  });
  function close() {
    setPicked([]);
    add.reset();
    onClose();
  }
  return (
    <Dialog open={open} onClose={close} title={t("addTitle")}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate(picked);
        }}
        className="flex flex-col gap-4"
      >
        <FriendPicker
          excluded={new Set(conversation.recipients.map((user) => user.id))}
          room={limits.groupRecipients.max - conversation.recipients.length}
          picked={picked}
          onPick={setPicked}
        />
        <ErrorText>{add.error && describeError(add.error)}</ErrorText>
        <DialogActions onCancel={close}>
          <Button type="submit" disabled={picked.length === 0} pending={add.isPending}>
            {t("add")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export function RenameGroupDialog({ conversation, open, onClose }: { conversation: ConversationSummary; open: boolean; onClose: () => void }) {
  const t = useTranslations("conversations.groups");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const cache = useConversationCache();
  const rename = useMutation(
    trpc.group.rename.mutationOptions({
      onSuccess: (summary) => {
        cache.upsert(summary);
        close();
      },
    }),
  );
  function close() {
    rename.reset();
    onClose();
  }
  return (
    <Dialog open={open} onClose={close} title={t("renameTitle")} description={t("renameDescription")}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          rename.mutate({ channelId: conversation.id, name: String(new FormData(event.currentTarget).get("name") ?? "").trim() });
        }}
        className="flex flex-col gap-4"
      >
        <Field label={t("name")} name="name" defaultValue={conversation.name} maxLength={limits.groupName.max} autoFocus />
        <ErrorText>{rename.error && describeError(rename.error)}</ErrorText>
        <DialogActions onCancel={close}>
          <Button type="submit" pending={rename.isPending}>
            {t("save")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export function LeaveGroupDialog({ conversation, title, open, onClose }: { conversation: ConversationSummary; title: string; open: boolean; onClose: () => void }) {
  const t = useTranslations("conversations.groups");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const router = useRouter();
  const cache = useConversationCache();
  const leave = useMutation(
    trpc.group.leave.mutationOptions({
      onSuccess: () => {
        cache.drop(conversation.id);
        router.push("/channels");
      },
    }),
  );
  return (
    <Dialog open={open} onClose={onClose} title={t("leaveTitle", { title })} description={t("leaveDescription")}>
      <ErrorText>{leave.error && describeError(leave.error)}</ErrorText>
      <DialogActions onCancel={onClose}>
        <Button variant="danger" pending={leave.isPending} onClick={() => leave.mutate({ channelId: conversation.id })}>
          {t("leave")}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
