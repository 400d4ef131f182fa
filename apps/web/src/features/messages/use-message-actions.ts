"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";

import { describeError } from "~/lib/api-error";
import { can } from "~/lib/can";
import { useTRPC } from "~/trpc/react";

import { useMembership } from "../shell/use-viewer";
import { type ChatMessage, type History, historyKey, updateMessage } from "./message-cache";

export interface MessageActions {
  canDelete: (message: ChatMessage) => boolean;
  canEdit: (message: ChatMessage) => boolean;
  /** The message being edited in place, with the state of its save. */
  editing: { id: string; pending: boolean; error: string | null } | null;
  onEdit: (message: ChatMessage | null) => void;
  onSaveEdit: (message: ChatMessage, content: string) => void;
  onDelete: (message: ChatMessage) => void;
  onRetry: (message: ChatMessage) => void;
  onDiscard: (message: ChatMessage) => void;
}

/**
 * What the reader may do to each message (asked of the API's permission table with the author's
 * role from the member list), and the edit and delete flows.
 */
export function useMessageActions(
  serverId: string,
  channelId: string,
  delivery: Pick<MessageActions, "onRetry" | "onDiscard">,
): { actions: MessageActions; deleting: ChatMessage | null; closeDelete: () => void } {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.member.list.queryOptions({ serverId }));
  const membership = useMembership(serverId);
  const [deleting, setDeleting] = useState<ChatMessage | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const edit = useMutation(
    trpc.message.edit.mutationOptions({
      onSuccess: (message) => {
        queryClient.setQueryData<History>(historyKey(channelId), (history) => history && updateMessage(history, message));
        setEditingId(null);
      },
    }),
  );
  const { mutate: saveEdit, reset: resetEdit, isPending, error } = edit;

  const actions = useMemo<MessageActions>(() => {
    const target = (message: ChatMessage) => ({
      userId: message.author?.id ?? null,
      role: members.data?.find((member) => member.userId === message.author?.id)?.role ?? null,
    });
    return {
      canDelete: (message) => can("message.delete", membership, target(message)),
      canEdit: (message) => can("message.edit", membership, target(message)),
      editing: editingId ? { id: editingId, pending: isPending, error: error ? describeError(error) : null } : null,
      onEdit: (message) => {
        resetEdit();
        setEditingId(message?.id ?? null);
      },
      onSaveEdit: (message, content) => saveEdit({ messageId: message.id, content }),
      onDelete: setDeleting,
      ...delivery,
    };
  }, [members.data, membership, editingId, isPending, error, resetEdit, saveEdit, delivery]);

  return { actions, deleting, closeDelete: () => setDeleting(null) };
}
