"use client";

import { excerptOf } from "@chat/validators/excerpt";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPCClient } from "~/trpc/react";

import type { PendingFile } from "../attachments/pending";
import { useViewer } from "../shell/use-viewer";
import { type ChatMessage, type History, addMessage, addUnsent, emptyHistory, historyKey, setDelivery } from "./message-cache";

interface Outgoing {
  content: string;
  replyToId: string | undefined;
  attachmentIds: string[];
  nonce: string;
}

let sequence = 0;
/** Identifies an unsent message in this tab only (crypto.randomUUID needs HTTPS, which self-hosters may not have). */
const newNonce = () => `${Date.now().toString(36)}-${(sequence++).toString(36)}`;

/**
 * Sends with an optimistic copy in the history cache: it shows at once as "sending", becomes the
 * stored message when the server answers, or stays as "failed" with the reason until retried or
 * discarded.
 */
export function useSendMessage(channelId: string) {
  const describeError = useDescribeError();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const viewer = useViewer();

  const update = useCallback(
    (change: (history: History) => History) =>
      queryClient.setQueryData<History>(historyKey(channelId), (history) => change(history ?? emptyHistory())),
    [queryClient, channelId],
  );

  const { mutate } = useMutation({
    mutationFn: ({ content, replyToId, attachmentIds }: Outgoing) =>
      client.message.send.mutate({ channelId, content, replyToId, ...(attachmentIds.length > 0 && { attachmentIds }) }),
    onSuccess: (message, { nonce }) => update((history) => addMessage(history, message, nonce)),
    onError: (error, { nonce }) =>
      update((history) => setDelivery(history, nonce, { state: "failed", nonce, error: describeError(error) })),
  });

  /** Sends `content` with the uploaded `files`, as a reply to `parent` when given. */
  const send = useCallback(
    (content: string, parent?: ChatMessage, files: readonly PendingFile[] = []) => {
      if (!viewer) return;
      const nonce = newNonce();
      const unsent: ChatMessage = {
        id: `unsent-${nonce}`,
        channelId,
        // The names it goes by here come from the member list (actions.nameOf) until the answer brings them.
        author: { id: viewer.id, username: viewer.username, displayName: null, nickname: null, avatarUrl: viewer.avatarUrl },
        content,
        createdAt: new Date(),
        editedAt: null,
        replyTo: parent ? { id: parent.id, deleted: false, author: parent.author, excerpt: excerptOf(parent.content) } : null,
        mentionIds: [],
        mentionsEveryone: false,
        embeds: [],
        // Shown as cards until the stored message brings their addresses and sizes: retrying sends the same uploads.
        attachments: files.map((file) => ({
          id: file.id!,
          filename: file.name,
          size: file.size,
          contentType: file.type,
          url: "",
          width: null,
          height: null,
          placeholder: null,
        })),
        reactions: [],
        delivery: { state: "sending", nonce },
      };
      update((history) => addUnsent(history, unsent));
      mutate({ content, replyToId: parent?.id, attachmentIds: unsent.attachments.map((attachment) => attachment.id), nonce });
    },
    [viewer, channelId, update, mutate],
  );

  const retry = useCallback(
    (message: ChatMessage) => {
      const nonce = message.delivery?.nonce;
      if (!nonce) return;
      update((history) => setDelivery(history, nonce, { state: "sending", nonce }));
      mutate({ content: message.content, replyToId: message.replyTo?.id, attachmentIds: message.attachments.map((attachment) => attachment.id), nonce });
    },
    [update, mutate],
  );

  const discard = useCallback(
    (message: ChatMessage) => {
      if (message.delivery) update((history) => setDelivery(history, message.delivery!.nonce, null));
    },
    [update],
  );

  return { send, retry, discard };
}
