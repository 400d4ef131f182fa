"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";

import { Button } from "~/components/ui/button";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

import { shownName } from "../people/shown-name";
import { type ChatMessage, type History, historyKey, removeMessage } from "./message-cache";

export function DeleteMessageDialog({ message, onClose }: { message: ChatMessage | null; onClose: () => void }) {
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.message.delete.mutationOptions({
      onSuccess: (_result, { messageId }) => {
        if (message) {
          queryClient.setQueryData<History>(historyKey(message.channelId), (history) => history && removeMessage(history, messageId));
        }
        onClose();
      },
    }),
  );

  return (
    <Dialog open={message !== null} onClose={onClose} title="Delete message" description="Are you sure you want to delete this message? This cannot be undone.">
      {message && (
        <blockquote className="max-h-40 overflow-hidden rounded-md border border-line bg-panel px-3 py-2 text-sm break-words whitespace-pre-wrap">
          <span className="font-semibold text-strong">{message.author ? shownName(message.author) : "Deleted user"}</span>
          <br />
          {message.content}
        </blockquote>
      )}
      <ErrorText>{remove.error && describeError(remove.error)}</ErrorText>
      <DialogActions onCancel={onClose}>
        <Button variant="danger" pending={remove.isPending} onClick={() => message && remove.mutate({ messageId: message.id })}>
          Delete
        </Button>
      </DialogActions>
    </Dialog>
  );
}
