"use client";

import { parseCustomEmoji } from "@chat/validators/custom-emoji";
import { useTranslations } from "next-intl";

import { cn } from "~/lib/cn";

import { CustomEmoji } from "../emojis/custom-emoji";
import { useEmojiById } from "../emojis/use-emojis";
import type { ChatMessage } from "./message-cache";

interface ReactionsProps {
  reactions: ChatMessage["reactions"];
  onToggle: (emoji: string) => void;
}

/**
 * The message's reactions as toggles: pressed when the reader is among those who reacted. A custom
 * emoji shows as its image while the server has it, else by its name.
 */
export function Reactions({ reactions, onToggle }: ReactionsProps) {
  const t = useTranslations("messages.reactions");
  const emojis = useEmojiById();
  if (reactions.length === 0) return null;
  return (
    <ul className="mt-1 flex flex-wrap gap-1" aria-label={t("label")}>
      {reactions.map(({ emoji, count, me }) => {
        const custom = parseCustomEmoji(emoji);
        const known = custom && emojis.get(custom.id);
        const spoken = custom ? `:${custom.name}:` : emoji;
        return (
          <li key={emoji}>
            <button
              type="button"
              aria-pressed={me}
              aria-label={t(me ? "remove" : "add", { emoji: spoken, count })}
              onClick={() => onToggle(emoji)}
              className={cn(
                "flex h-6 items-center gap-1 rounded-md border px-1.5 text-sm",
                me ? "border-brand bg-brand/20 text-strong" : "border-transparent bg-field text-muted hover:border-line",
              )}
            >
              {known ? <CustomEmoji emoji={known} className="size-4" /> : <span aria-hidden>{spoken}</span>}
              <span className="text-xs font-semibold tabular-nums" aria-hidden>
                {count}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
