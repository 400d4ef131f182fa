"use client";

import { Pencil, Trash2 } from "lucide-react";
import { memo } from "react";

import { Avatar } from "~/components/ui/avatar";
import { Button, IconButton } from "~/components/ui/button";
import { cn } from "~/lib/cn";

import { formatClock, formatExact, formatRelative } from "./format-time";
import type { ChatMessage } from "./message-cache";
import { MessageEditor } from "./message-editor";
import type { MessageActions } from "./use-message-actions";

interface MessageRowProps {
  message: ChatMessage;
  /** Continues the previous message's block: no avatar or name. */
  continued: boolean;
  now: Date;
  canDelete: boolean;
  canEdit: boolean;
  /** Set while this message is edited in place. */
  editing: MessageActions["editing"];
  actions: MessageActions;
}

function Stamp({ date, now, className }: { date: Date; now: Date; className?: string }) {
  return (
    <time dateTime={date.toISOString()} title={formatExact(date)} className={className}>
      {formatRelative(date, now)}
    </time>
  );
}

export const MessageRow = memo(function MessageRow({ message, continued, now, canDelete, canEdit, editing, actions }: MessageRowProps) {
  const author = message.author?.username ?? "Deleted user";
  const state = message.delivery?.state;
  return (
    <article
      aria-label={`${author}, ${formatExact(message.createdAt)}`}
      data-message-id={message.delivery ? undefined : message.id}
      data-delivery={state}
      className="group relative flex gap-4 px-4 py-0.5 pr-12 focus-within:bg-[#2e3035] hover:bg-[#2e3035]"
    >
      <div className="flex w-10 shrink-0 justify-center">
        {continued ? (
          <time
            dateTime={message.createdAt.toISOString()}
            title={formatExact(message.createdAt)}
            className="invisible text-[10px] leading-[22px] whitespace-nowrap text-faint group-hover:visible"
          >
            {formatClock(message.createdAt)}
          </time>
        ) : (
          <Avatar name={author} className="mt-0.5" />
        )}
      </div>
      <div className="min-w-0 flex-1">
        {!continued && (
          <header className="flex items-baseline gap-2">
            <span className={cn("font-medium text-strong", !message.author && "text-muted italic")}>{author}</span>
            <Stamp date={message.createdAt} now={now} className="text-xs text-faint" />
          </header>
        )}
        {editing ? (
          <MessageEditor
            initial={message.content}
            pending={editing.pending}
            error={editing.error}
            onSave={(content) => actions.onSaveEdit(message, content)}
            onCancel={() => actions.onEdit(null)}
          />
        ) : (
          <p className={cn("text-[15px] leading-[22px] break-words whitespace-pre-wrap text-text", state === "sending" && "opacity-50")}>
            {message.content}
            {message.editedAt && (
              <span className="ml-1 text-[11px] text-faint" title={`Edited ${formatExact(message.editedAt)}`}>
                (edited)
              </span>
            )}
          </p>
        )}
        {state === "sending" && <span className="sr-only">Sending</span>}
        {state === "failed" && (
          <p role="alert" className="flex flex-wrap items-center gap-x-2 text-sm text-[#fa777c]">
            Not sent: {message.delivery?.error}
            <Button variant="link" onClick={() => actions.onRetry(message)}>
              Retry
            </Button>
            <Button variant="link" className="text-muted!" onClick={() => actions.onDiscard(message)}>
              Discard
            </Button>
          </p>
        )}
      </div>
      {(canEdit || canDelete) && !message.delivery && !editing && (
        <div className="absolute -top-4 right-4 flex rounded-md border border-rail bg-chat opacity-0 shadow-md group-hover:opacity-100 focus-within:opacity-100">
          {canEdit && (
            <IconButton label="Edit message" onClick={() => actions.onEdit(message)}>
              <Pencil className="size-4" aria-hidden />
            </IconButton>
          )}
          {canDelete && (
            <IconButton label="Delete message" onClick={() => actions.onDelete(message)} className="hover:text-danger">
              <Trash2 className="size-4" aria-hidden />
            </IconButton>
          )}
        </div>
      )}
    </article>
  );
});
