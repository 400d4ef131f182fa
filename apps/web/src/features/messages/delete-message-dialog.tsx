"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { Button } from "~/components/ui/button";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

import { shownName } from "../people/shown-name";
import { type ChatMessage, type History, historyKey, removeMessage } from "./message-cache";

/** Asks before deleting a message (shown while one is chosen), quoting it. */
export function DeleteMessageDialog({ message, onClose }: { message: ChatMessage; onClose: () => void }) {
  const t = useTranslations("messages");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.message.delete.mutationOptions({
      onSuccess: (_result, { messageId }) => {
        queryClient.setQueryData<History>(historyKey(message.channelId), (history) => history && removeMessage(history, messageId));
        onClose();
      },
    }),
  );

  return (
    <Dialog open onClose={onClose} title={t("delete.title")} description={t("delete.description")}>
      <blockquote className="max-h-40 overflow-hidden rounded-md border border-line bg-panel px-3 py-2 text-sm break-words whitespace-pre-wrap">
        <span className="font-semibold text-strong">{message.author ? shownName(message.author) : t("deletedUser")}</span>
        <br />
        {message.content}
      </blockquote>
      <ErrorText>{remove.error && describeError(remove.error)}</ErrorText>
      <DialogActions onCancel={onClose}>
        <Button variant="danger" pending={remove.isPending} onClick={() => remove.mutate({ messageId: message.id })}>
          {t("delete.confirm")}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
