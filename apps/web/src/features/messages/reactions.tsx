"use client";

import { useTranslations } from "next-intl";

import { cn } from "~/lib/cn";

import type { ChatMessage } from "./message-cache";

interface ReactionsProps {
  reactions: ChatMessage["reactions"];
  onToggle: (emoji: string) => void;
}

/** The message's reactions as toggles: pressed when the reader is among those who reacted. */
export function Reactions({ reactions, onToggle }: ReactionsProps) {
  const t = useTranslations("messages.reactions");
  if (reactions.length === 0) return null;
  return (
    <ul className="mt-1 flex flex-wrap gap-1" aria-label={t("label")}>
      {reactions.map(({ emoji, count, me }) => (
        <li key={emoji}>
          <button
            type="button"
            aria-pressed={me}
            aria-label={t(me ? "remove" : "add", { emoji, count })}
            onClick={() => onToggle(emoji)}
            className={cn(
              "flex h-6 items-center gap-1 rounded-md border px-1.5 text-sm",
              me ? "border-brand bg-brand/20 text-strong" : "border-transparent bg-field text-muted hover:border-line",
            )}
          >
            <span aria-hidden>{emoji}</span>
            <span className="text-xs font-semibold tabular-nums" aria-hidden>
              {count}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
