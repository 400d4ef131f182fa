"use client";

import { limits } from "@chat/validators/limits";
import dynamic from "next/dynamic";
import { useLocale, useTranslations } from "next-intl";
import { type ClipboardEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";

import { SendHorizontal, X } from "~/components/icons";
import { IconButton } from "~/components/ui/button";
import { cn } from "~/lib/cn";

import { AttachButton } from "../attachments/attach-button";
import { CustomEmoji } from "../emojis/custom-emoji";
import { type ServerEmoji, useEmojiById } from "../emojis/use-emojis";
import type { PendingUploads } from "../attachments/use-pending-uploads";

import { formatExact } from "./format-time";
import { useSecondsLeft } from "./use-seconds-left";
import type { SendGate } from "./use-send-gate";

// Loaded with the first file offered (use-pending-uploads.ts): most messages carry none.
const PendingFiles = dynamic(() => import("../attachments/pending-files").then((module) => module.PendingFiles), { ssr: false });

interface ComposerProps {
  /** Where the message goes: "#general", "@Ana". */
  place: string;
  onSend: (content: string) => void;
  /** The author of the message the next send replies to, when replying. */
  replyingTo?: string | null;
  onCancelReply?: () => void;
  /** Called on each edit of a non-empty draft; the caller throttles what it sends. */
  onTyping?: () => void;
  /** What holds sends back (see use-send-gate.ts); without it, nothing does. */
  gate?: Pick<SendGate, "timedOutUntil" | "slowmodeSeconds" | "slowmodeEndsAt">;
  /** ↑ in an empty box: edit the reader's last message; false when there is none. */
  onEditLast?: () => boolean;
  /** Escape while not replying: the reader has seen what is new (the divider goes). */
  onDismiss?: () => void;
  /** The files for the next message, where the reader may attach files; `onSend` takes them. */
  uploads?: PendingUploads;
}

/** `:na` at the end of the draft, after a start or a space: the name being typed, for the suggestions. */
const typedShortcode = /(?:^|\s):([A-Za-z0-9_]{2,32})$/;
const SUGGESTIONS = 8;

/** The server's emoji whose names hold what is typed, those that start with it first. */
function suggestionsFor(draft: string, emojis: ReadonlyMap<string, ServerEmoji>): ServerEmoji[] {
  const typed = typedShortcode.exec(draft)?.[1]?.toLowerCase();
  if (!typed) return [];
  const matching = [...emojis.values()].filter((emoji) => emoji.name.toLowerCase().includes(typed));
  const starts = (emoji: ServerEmoji) => (emoji.name.toLowerCase().startsWith(typed) ? 0 : 1);
  return matching.sort((a, b) => starts(a) - starts(b)).slice(0, SUGGESTIONS);
}

/** "0:42", "1:05:00": a wait as a clock shows it. */
function formatWait(seconds: number): string {
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/**
 * The message box: Enter sends, Shift+Enter starts a new line, ↑ in an empty box edits your last
 * message, and it grows with its text. Typing `:na` suggests the server's emoji (↑ ↓ to choose,
 * Enter or Tab to take, Escape to dismiss), as Discord does.
 */
export function Composer({ place, onSend, replyingTo, onCancelReply, onTyping, gate, onEditLast, onDismiss, uploads }: ComposerProps) {
  const t = useTranslations("messages.composer");
  const locale = useLocale();
  const [draft, setDraft] = useState("");
  const box = useRef<HTMLTextAreaElement>(null);
  const emojis = useEmojiById();
  const [dismissedAt, setDismissedAt] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const suggestions = dismissedAt === draft ? [] : suggestionsFor(draft, emojis);
  const chosen = suggestions[Math.min(active, suggestions.length - 1)];
  const replying = replyingTo !== undefined && replyingTo !== null;
  useEffect(() => {
    if (replying) box.current?.focus();
  }, [replying, replyingTo]);
  const content = draft.trim();
  const over = draft.length - limits.messageContent.max;
  const timedOut = useSecondsLeft(gate?.timedOutUntil) > 0;
  const wait = useSecondsLeft(gate?.slowmodeEndsAt);
  const held = timedOut || wait > 0;
  const attached = uploads?.readiness ?? "none";
  // A message may be files alone, once every one has arrived.
  const sendable = (content || attached === "ready") && attached !== "uploading" && attached !== "failed" && over <= 0 && !held;

  function submit() {
    if (!sendable) return;
    onSend(content);
    setDraft("");
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const pasted = [...event.clipboardData.files];
    if (!uploads || pasted.length === 0) return;
    // A copied image often comes with its HTML or address as text too: the file is what was meant.
    event.preventDefault();
    uploads.add(pasted);
  }

  function complete(emoji: ServerEmoji) {
    setDraft(draft.replace(/:[A-Za-z0-9_]{2,32}$/, `:${emoji.name}: `));
    setActive(0);
    box.current?.focus();
  }

  /** The keys the suggestions take while they show; true when one was taken. */
  function suggestionKey(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!chosen) return false;
    const step = event.key === "ArrowDown" ? 1 : event.key === "ArrowUp" ? -1 : 0;
    if (step !== 0) setActive((Math.min(active, suggestions.length - 1) + step + suggestions.length) % suggestions.length);
    else if ((event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) || event.key === "Tab") complete(chosen);
    else if (event.key === "Escape") setDismissedAt(draft);
    else return false;
    event.preventDefault();
    return true;
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (suggestionKey(event)) return;
    if (event.key === "Escape") (replying ? onCancelReply : onDismiss)?.();
    if (event.key === "ArrowUp" && !draft && onEditLast?.()) event.preventDefault();
    // While an input method is composing (Japanese, Chinese…), Enter confirms the composition.
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    submit();
  }

  return (
    <form
      className="shrink-0 px-4"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {replying && (
        <div className="flex items-center justify-between rounded-t-lg bg-panel px-4 py-1.5 text-sm text-muted">
          <span>{t.rich("replyingTo", { name: replyingTo, author: (chunks) => <span className="font-medium text-strong">{chunks}</span> })}</span>
          <button type="button" aria-label={t("cancelReply")} title={t("cancelReply")} onClick={onCancelReply} className="rounded p-0.5 hover:text-strong">
            <X className="size-4" aria-hidden />
          </button>
        </div>
      )}
      {chosen && (
        <ul role="listbox" id="emoji-suggestions" aria-label={t("emojiSuggestions")} className="mb-1 rounded-lg bg-panel p-1 shadow-lg">
          {suggestions.map((emoji) => (
            <li
              key={emoji.id}
              id={`emoji-suggestion-${emoji.id}`}
              role="option"
              aria-selected={emoji === chosen}
              // Keeps the focus in the box.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => complete(emoji)}
              className={cn("flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm text-strong", emoji === chosen && "bg-hover")}
            >
              <CustomEmoji emoji={emoji} className="size-5" />:{emoji.name}:
            </li>
          ))}
        </ul>
      )}
      <div className={cn("rounded-lg bg-field px-2 focus-within:ring-2 focus-within:ring-brand/60", replying && "rounded-t-none")}>
        {uploads && (uploads.files.length > 0 || uploads.notice) && <PendingFiles files={uploads.files} notice={uploads.notice} onRemove={uploads.remove} />}
        <div className={cn("flex items-end gap-1", !uploads && "pl-2")}>
          {uploads && <AttachButton onPick={uploads.add} disabled={timedOut} />}
          <textarea
            ref={box}
            value={draft}
            onChange={(event) => {
              setDraft(event.target.value);
              if (event.target.value.trim()) onTyping?.();
            }}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            rows={1}
            aria-controls={chosen ? "emoji-suggestions" : undefined}
            aria-activedescendant={chosen ? `emoji-suggestion-${chosen.id}` : undefined}
            aria-label={t("placeholder", { place })}
            aria-invalid={over > 0 || undefined}
            disabled={timedOut}
            placeholder={
              timedOut && gate?.timedOutUntil ? t("timedOutPlaceholder", { time: formatExact(gate.timedOutUntil, locale) }) : t("placeholder", { place })
            }
            enterKeyHint="send"
            className="max-h-[40vh] min-h-11 flex-1 resize-none bg-transparent py-[11px] text-[15px] leading-[22px] text-strong [field-sizing:content] outline-none placeholder:text-faint focus-visible:outline-none"
          />
          <IconButton type="submit" label={t("send")} disabled={!sendable} className="mb-1.5 disabled:opacity-40">
            <SendHorizontal className="size-5" aria-hidden />
          </IconButton>
        </div>
      </div>
      {timedOut && gate?.timedOutUntil && (
        <p data-send-hold="timeout" className="mt-1 text-xs text-[#fa777c]">
          {t("timedOut", { time: formatExact(gate.timedOutUntil, locale) })}
        </p>
      )}
      {!timedOut && gate && gate.slowmodeSeconds > 0 && (
        <p data-send-hold="slowmode" className="mt-1 text-xs text-muted" aria-live="polite">
          {wait > 0 ? t("slowmodeWait", { wait: formatWait(wait) }) : t("slowmodeOn", { interval: formatWait(gate.slowmodeSeconds) })}
        </p>
      )}
      {over > -200 && (
        <p className={cn("mt-1 text-right text-xs", over > 0 ? "text-[#fa777c]" : "text-muted")} aria-live="polite">
          {over > 0 ? t("over", { count: over, max: limits.messageContent.max }) : t("left", { count: -over })}
        </p>
      )}
    </form>
  );
}
