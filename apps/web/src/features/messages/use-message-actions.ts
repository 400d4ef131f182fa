"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";

import { useDescribeError } from "~/lib/use-describe-error";
import { can, memberSubject } from "~/lib/can";
import { useTRPC } from "~/trpc/react";

import { useMembers } from "../members/use-member-cache";
import { usePins } from "../pins/use-pins";
import { useNameColour, useRoles } from "../roles/use-roles";
import { type Named, shownName } from "../people/shown-name";
import { useMembership, useViewer } from "../shell/use-viewer";
import { type ChatMessage, type History, historyKey, updateMessage } from "./message-cache";

export interface MessageActions {
  /** The reader, for mentions of them and their own reactions. */
  readerId: string | undefined;
  /** The server the messages are in (null: a DM or group): profile cards opened from them offer what can be done there. */
  serverId: string | null;
  /** A member's username by id, for finding the mentions in a text. */
  memberName: (userId: string) => string | undefined;
  /**
   * The name a person goes by here (`shownName`): from their member entry, which follows nickname
   * changes live, else as the message carried it (someone who left); "Deleted user" (in the reader's words) for nobody.
   */
  nameOf: (person: (Named & { id: string }) | null | undefined) => string;
  /**
   * A person's avatar (a DTO's avatarUrl): from their member entry, which the `member` event keeps
   * current when they change it (so past messages follow live), else as the message carried it; null: initials.
   */
  avatarOf: (person: { id: string; avatarUrl?: string | null } | null | undefined) => string | null;
  /** The colour of a member's name (their highest coloured role's), or undefined for the default. */
  nameColour: (userId: string | undefined) => string | undefined;
  canDelete: (message: ChatMessage) => boolean;
  canEdit: (message: ChatMessage) => boolean;
  /** Whether the reader may pin and unpin messages here (the same for every message). */
  canPin: boolean;
  isPinned: (message: ChatMessage) => boolean;
  onTogglePin: (message: ChatMessage) => void;
  /** The message being edited in place, with the state of its save. */
  editing: { id: string; pending: boolean; error: string | null } | null;
  onEdit: (message: ChatMessage | null) => void;
  onSaveEdit: (message: ChatMessage, content: string) => void;
  onDelete: (message: ChatMessage) => void;
  /** The author removes their message's link previews. */
  onRemoveEmbeds: (message: ChatMessage) => void;
  onReply: (message: ChatMessage) => void;
  /** Adds the reader's reaction, or takes it back when they already reacted with that emoji. */
  onReact: (message: ChatMessage, emoji: string) => void;
  /** Why the last reaction failed (such as the limit of distinct emoji), on its message. */
  reactionError: { id: string; text: string } | null;
  onRetry: (message: ChatMessage) => void;
  onDiscard: (message: ChatMessage) => void;
}

/** Who the people are and what the reader may do to each message: a server's roles decide, or a conversation's rules. */
export type Standing = Pick<MessageActions, "serverId" | "memberName" | "nameOf" | "avatarOf" | "nameColour" | "canDelete" | "canEdit" | "canPin"> & {
  /** Whether messages here can be pinned at all (a server's channel): the pins are read only then. */
  pins: boolean;
  /** Whether the reader may upload files here (Attach Files in a server; always in a DM or group). */
  canAttach: boolean;
};

/** A server's standing: asked of the API's permission table with the author's standing from the member list and the roles. */
export function useServerStanding(serverId: string): Standing {
  const t = useTranslations("messages");
  const members = useMembers(serverId);
  const roles = useRoles(serverId).data;
  const nameColour = useNameColour(serverId);
  const membership = useMembership(serverId);
  return useMemo<Standing>(() => {
    const target = (message: ChatMessage) =>
      memberSubject(message.author?.id ?? null, members.data?.find((member) => member.userId === message.author?.id), roles ?? []);
    const byId = new Map(members.data?.map((member) => [member.userId, member]));
    return {
      serverId,
      memberName: (userId) => byId.get(userId)?.username,
      nameOf: (person) => (person ? shownName(byId.get(person.id) ?? person) : t("deletedUser")),
      avatarOf: (person) => (person ? (byId.get(person.id) ?? person).avatarUrl ?? null : null),
      nameColour,
      canDelete: (message) => can("message.delete", membership, target(message)),
      canEdit: (message) => can("message.edit", membership, target(message)),
      canPin: can("message.pin", membership),
      pins: true,
      canAttach: can("attachment.create", membership),
    };
  }, [serverId, members.data, roles, nameColour, membership, t]);
}

/** The edit, delete, pin, link-preview and reaction flows on the messages of one channel, DM or group, as `standing` allows them. */
export function useMessageActions(
  channelId: string,
  standing: Standing,
  elsewhere: Pick<MessageActions, "onRetry" | "onDiscard" | "onReply">,
): { actions: MessageActions; deleting: ChatMessage | null; closeDelete: () => void } {
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const readerId = useViewer()?.id;
  // Without its reactions: the live `reaction` events keep those, and an answer may arrive after a newer event.
  const showEdited = ({ reactions: _reactions, ...message }: ChatMessage) =>
    queryClient.setQueryData<History>(historyKey(channelId), (history) => history && updateMessage(history, message));
  const [deleting, setDeleting] = useState<ChatMessage | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const edit = useMutation(
    trpc.message.edit.mutationOptions({
      onSuccess: (message) => {
        showEdited(message);
        setEditingId(null);
      },
    }),
  );
  const { mutate: saveEdit, reset: resetEdit, isPending, error } = edit;
  const { mutate: removeEmbeds } = useMutation(trpc.message.removeEmbeds.mutationOptions({ onSuccess: showEdited }));
  const [reactionError, setReactionError] = useState<MessageActions["reactionError"]>(null);
  // The cache changes by the `reaction` event the change publishes, never by the answer: an answer
  // read before someone else's reaction could arrive after that reaction's event, and undo it.
  const reactionOptions = {
    onMutate: () => setReactionError(null),
    onError: (failure: unknown, input: { messageId: string }) =>
      setReactionError({ id: input.messageId, text: describeError(failure) }),
  };
  const { mutate: addReaction } = useMutation(trpc.reaction.add.mutationOptions(reactionOptions));
  const { mutate: removeReaction } = useMutation(trpc.reaction.remove.mutationOptions(reactionOptions));
  const { pins, toggle: togglePin } = usePins(channelId, standing.pins);

  const actions = useMemo<MessageActions>(() => {
    const { pins: _pins, ...rules } = standing;
    const pinnedIds = new Set(pins.data?.map((pin) => pin.message.id));
    return {
      readerId,
      ...rules,
      isPinned: (message) => pinnedIds.has(message.id),
      onTogglePin: (message) => togglePin(message.id, pinnedIds.has(message.id)),
      editing: editingId ? { id: editingId, pending: isPending, error: error ? describeError(error) : null } : null,
      onEdit: (message) => {
        resetEdit();
        setEditingId(message?.id ?? null);
      },
      onSaveEdit: (message, content) => saveEdit({ messageId: message.id, content }),
      onDelete: setDeleting,
      onRemoveEmbeds: (message) => removeEmbeds({ messageId: message.id }),
      onReact: (message, emoji) => {
        const mine = message.reactions.some((reaction) => reaction.emoji === emoji && reaction.me);
        (mine ? removeReaction : addReaction)({ messageId: message.id, emoji });
      },
      reactionError,
      ...elsewhere,
    };
  }, [standing, pins.data, togglePin, readerId, editingId, isPending, error, resetEdit, saveEdit, removeEmbeds, addReaction, removeReaction, reactionError, elsewhere]);

  return { actions, deleting, closeDelete: () => setDeleting(null) };
}
