"use client";

import dynamic from "next/dynamic";
import { useLocale, useTranslations } from "next-intl";
import { memo, useCallback, useState } from "react";

import { Pencil, Pin, PinOff, Reply, SmilePlus, Trash2 } from "~/components/icons";
import { Avatar } from "~/components/ui/avatar";
import { Button, IconButton } from "~/components/ui/button";
import { cn } from "~/lib/cn";

import { Attachments } from "../attachments/attachments";
import { PersonName } from "../people/person-name";
import { formatClock, formatExact, formatRelative } from "./format-time";
import type { ChatMessage } from "./message-cache";
import { Embeds } from "./embeds";
import { MessageText } from "./message-text";
import { Reactions } from "./reactions";
import { ReplyQuote } from "./reply-quote";
import type { MessageActions } from "./use-message-actions";

// Loaded on first use: most visits only read and send.
const EmojiPicker = dynamic(() => import("./emoji-picker").then((module) => module.EmojiPicker), { ssr: false });
const MessageEditor = dynamic(() => import("./message-editor").then((module) => module.MessageEditor), { ssr: false });

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
  const t = useTranslations("messages.time");
  const locale = useLocale();
  return (
    <time dateTime={date.toISOString()} title={formatExact(date, locale)} className={className}>
      {formatRelative(date, now, locale, t)}
    </time>
  );
}

export const MessageRow = memo(function MessageRow({ message, continued, now, canDelete, canEdit, editing, actions }: MessageRowProps) {
  const t = useTranslations("messages.row");
  const locale = useLocale();
  const author = actions.nameOf(message.author);
  const state = message.delivery?.state;
  const [picking, setPicking] = useState(false);
  const closePicker = useCallback(() => setPicking(false), []);
  const { readerId } = actions;
  // One's own message never stands out for oneself, even one that says @everyone.
  const mentionsReader =
    readerId !== undefined && message.author?.id !== readerId && (message.mentionsEveryone || message.mentionIds.includes(readerId));
  const mentioned = new Map(
    message.mentionIds.flatMap((id) => {
      const username = actions.memberName(id);
      return username ? [[username.toLowerCase(), { name: actions.nameOf({ id, username }), colour: actions.nameColour(id) }] as const] : [];
    }),
  );
  const readerName = readerId === undefined ? undefined : actions.memberName(readerId);
  const stored = !message.delivery && !editing;
  const pinned = actions.isPinned(message);
  return (
    <article
      aria-label={t("label", { author, time: formatExact(message.createdAt, locale) })}
      data-message-id={message.delivery ? undefined : message.id}
      data-delivery={state}
      data-mentions-me={mentionsReader || undefined}
      className={cn(
        "group relative flex gap-4 px-4 py-0.5 pr-12 focus-within:bg-[#2e3035] hover:bg-[#2e3035]",
        mentionsReader && "border-l-2 border-warning bg-warning/10 pl-[14px] hover:bg-warning/15",
      )}
    >
      <div className="flex w-10 shrink-0 justify-center">
        {continued ? (
          <time
            dateTime={message.createdAt.toISOString()}
            title={formatExact(message.createdAt, locale)}
            className="invisible text-[10px] leading-[22px] whitespace-nowrap text-faint group-hover:visible"
          >
            {formatClock(message.createdAt, locale)}
          </time>
        ) : (
          <Avatar name={author} src={actions.avatarOf(message.author)} className="mt-0.5" />
        )}
      </div>
      <div className="min-w-0 flex-1">
        {message.replyTo && <ReplyQuote quote={message.replyTo} name={actions.nameOf(message.replyTo.author)} />}
        {!continued && (
          <header className="flex items-baseline gap-2">
            <PersonName
              userId={message.author?.id}
              serverId={actions.serverId ?? undefined}
              className={cn("font-medium text-strong", !message.author && "text-muted italic")}
              style={{ color: actions.nameColour(message.author?.id) }}
            >
              {author}
            </PersonName>
            <Stamp date={message.createdAt} now={now} className="text-xs text-faint" />
            {pinned && <Pin className="size-3 self-center text-faint" aria-label={t("pinned")} />}
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
          // A message of files alone has no text line.
          (message.content || message.editedAt) && (
            <div
              data-message-text
              className={cn("text-[15px] leading-[22px] break-words whitespace-pre-wrap text-text", state === "sending" && "opacity-50")}
            >
              <MessageText content={message.content} mentioned={mentioned} mentionsEveryone={message.mentionsEveryone} readerName={readerName} />
              {message.editedAt && (
                <span className="ml-1 text-[11px] text-faint" title={t("editedAt", { time: formatExact(message.editedAt, locale) })}>
                  {t("edited")}
                </span>
              )}
            </div>
          )
        )}
        <Attachments attachments={message.attachments} />
        <Embeds
          embeds={message.embeds}
          // Only the author may (the permission table's message.removeEmbeds), wherever the message is.
          onRemove={stored && readerId !== undefined && message.author?.id === readerId ? () => actions.onRemoveEmbeds(message) : undefined}
        />
        <Reactions reactions={message.reactions} onToggle={(emoji) => actions.onReact(message, emoji)} />
        {actions.reactionError?.id === message.id && (
          <p role="alert" className="mt-1 text-sm text-[#fa777c]">
            {actions.reactionError.text}
          </p>
        )}
        {state === "sending" && <span className="sr-only">{t("sending")}</span>}
        {state === "failed" && (
          <p role="alert" className="flex flex-wrap items-center gap-x-2 text-sm text-[#fa777c]">
            {t("notSent", { error: message.delivery?.error ?? "" })}
            <Button variant="link" onClick={() => actions.onRetry(message)}>
              {t("retry")}
            </Button>
            <Button variant="link" className="text-muted!" onClick={() => actions.onDiscard(message)}>
              {t("discard")}
            </Button>
          </p>
        )}
      </div>
      {stored && (
        <div
          className={cn(
            "absolute -top-4 right-4 flex rounded-md border border-rail bg-chat shadow-md group-hover:opacity-100 focus-within:opacity-100",
            picking ? "opacity-100" : "opacity-0",
          )}
        >
          <IconButton
            label={t("addReaction")}
            aria-expanded={picking}
            // Not a click outside the open picker: this button toggles it.
            onPointerDown={(event) => event.stopPropagation()}
            onClick={() => setPicking((open) => !open)}
          >
            <SmilePlus className="size-4" aria-hidden />
          </IconButton>
          <IconButton label={t("reply")} onClick={() => actions.onReply(message)}>
            <Reply className="size-4" aria-hidden />
          </IconButton>
          {actions.canPin && (
            <IconButton label={t(pinned ? "unpin" : "pin")} onClick={() => actions.onTogglePin(message)}>
              {pinned ? <PinOff className="size-4" aria-hidden /> : <Pin className="size-4" aria-hidden />}
            </IconButton>
          )}
          {canEdit && (
            <IconButton label={t("edit")} onClick={() => actions.onEdit(message)}>
              <Pencil className="size-4" aria-hidden />
            </IconButton>
          )}
          {canDelete && (
            <IconButton label={t("delete")} onClick={() => actions.onDelete(message)} className="hover:text-danger">
              <Trash2 className="size-4" aria-hidden />
            </IconButton>
          )}
          {picking && <EmojiPicker onPick={(emoji) => actions.onReact(message, emoji)} onClose={closePicker} />}
        </div>
      )}
    </article>
  );
});
