"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";

import { describeError } from "~/lib/api-error";
import { can } from "~/lib/can";
import { useTRPC } from "~/trpc/react";

import { usePins } from "../pins/use-pins";
import { useMembership, useViewer } from "../shell/use-viewer";
import { type ChatMessage, type History, historyKey, updateMessage } from "./message-cache";

export interface MessageActions {
  /** The reader, for mentions of them and their own reactions. */
  readerId: string | undefined;
  /** A member's username by id, for rendering mentions. */
  memberName: (userId: string) => string | undefined;
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
  onReply: (message: ChatMessage) => void;
  /** Adds the reader's reaction, or takes it back when they already reacted with that emoji. */
  onReact: (message: ChatMessage, emoji: string) => void;
  /** Why the last reaction failed (such as the limit of distinct emoji), on its message. */
  reactionError: { id: string; text: string } | null;
  onRetry: (message: ChatMessage) => void;
  onDiscard: (message: ChatMessage) => void;
}

/**
 * What the reader may do to each message (asked of the API's permission table with the author's
 * role from the member list), and the edit, delete and reaction flows.
 */
export function useMessageActions(
  serverId: string,
  channelId: string,
  elsewhere: Pick<MessageActions, "onRetry" | "onDiscard" | "onReply">,
): { actions: MessageActions; deleting: ChatMessage | null; closeDelete: () => void } {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.member.list.queryOptions({ serverId }));
  const membership = useMembership(serverId);
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
  const { pins, toggle: togglePin } = usePins(channelId);

  const actions = useMemo<MessageActions>(() => {
    const target = (message: ChatMessage) => ({
      userId: message.author?.id ?? null,
      role: members.data?.find((member) => member.userId === message.author?.id)?.role ?? null,
    });
    const names = new Map(members.data?.map((member) => [member.userId, member.username]));
    const pinnedIds = new Set(pins.data?.map((pin) => pin.message.id));
    return {
      readerId,
      memberName: (userId) => names.get(userId),
      canDelete: (message) => can("message.delete", membership, target(message)),
      canEdit: (message) => can("message.edit", membership, target(message)),
      canPin: can("message.pin", membership),
      isPinned: (message) => pinnedIds.has(message.id),
      onTogglePin: (message) => togglePin(message.id, pinnedIds.has(message.id)),
      editing: editingId ? { id: editingId, pending: isPending, error: error ? describeError(error) : null } : null,
      onEdit: (message) => {
        resetEdit();
        setEditingId(message?.id ?? null);
      },
      onSaveEdit: (message, content) => saveEdit({ messageId: message.id, content }),
      onDelete: setDeleting,
      onReact: (message, emoji) => {
        const mine = message.reactions.some((reaction) => reaction.emoji === emoji && reaction.me);
        (mine ? removeReaction : addReaction)({ messageId: message.id, emoji });
      },
      reactionError,
      ...elsewhere,
    };
  }, [members.data, pins.data, togglePin, membership, readerId, editingId, isPending, error, resetEdit, saveEdit, addReaction, removeReaction, reactionError, elsewhere]);

  return { actions, deleting, closeDelete: () => setDeleting(null) };
}
