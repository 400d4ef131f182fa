"use client";

import { useTranslations } from "next-intl";
import { useEffect, useLayoutEffect, useRef, useState } from "react";

import { formatCustomEmoji } from "@chat/validators/custom-emoji";

import { cn } from "~/lib/cn";

import { CustomEmoji } from "../emojis/custom-emoji";
import { useEmojiById } from "../emojis/use-emojis";

/** The picker's choice: common reactions, each fully qualified as the API requires (❤️, not ❤). */
export const pickerEmoji = ["👍", "❤️", "😂", "🎉", "😮", "😢", "🙏", "🔥", "👀", "✅", "👎", "💯", "🤔", "🚀"];

interface EmojiPickerProps {
  onPick: (emoji: string) => void;
  onClose: () => void;
}

/**
 * A small grid of emoji in a popover: the server's custom emoji first (searchable by name, as
 * Discord's picker), then common ones. Escape or a click outside closes it; focus starts on the
 * search box when there are custom emoji, else on the first emoji.
 */
export function EmojiPicker({ onPick, onClose }: EmojiPickerProps) {
  const t = useTranslations("messages.emojiPicker");
  const ref = useRef<HTMLDivElement>(null);
  const custom = [...useEmojiById().values()];
  const [query, setQuery] = useState("");
  const found = custom.filter((emoji) => emoji.name.toLowerCase().includes(query.trim().toLowerCase()));
  const pick = (emoji: string) => {
    onPick(emoji);
    onClose();
  };
  const [upward, setUpward] = useState(false);
  // Below the toolbar unless that runs past the bottom of the scrolling list (the newest messages): then above it.
  useLayoutEffect(() => {
    const list = ref.current?.closest("[role=region]");
    if (ref.current && list) setUpward(ref.current.getBoundingClientRect().bottom > list.getBoundingClientRect().bottom);
  }, []);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>("input, button")?.focus();
    const outside = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [onClose]);

  return (
    <div
      ref={ref}
      role="dialog"
      aria-label={t("label")}
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
      className={cn(
        "absolute right-0 z-20 grid max-h-80 w-[232px] grid-cols-7 gap-0.5 overflow-y-auto rounded-lg border border-rail bg-panel p-2 shadow-xl",
        upward ? "bottom-full mb-1" : "top-full mt-1",
      )}
    >
      {custom.length > 0 && (
        <>
          <input
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder={t("search")}
            aria-label={t("search")}
            className="col-span-7 mb-1 rounded bg-field px-2 py-1 text-sm text-strong outline-none placeholder:text-faint"
          />
          <p className="col-span-7 px-0.5 text-xs font-semibold text-muted uppercase">{t("custom")}</p>
          {found.map((emoji) => (
            <button
              key={emoji.id}
              type="button"
              aria-label={t("react", { emoji: `:${emoji.name}:` })}
              title={`:${emoji.name}:`}
              onClick={() => pick(formatCustomEmoji(emoji))}
              className="flex size-8 items-center justify-center rounded hover:bg-hover focus-visible:bg-hover"
            >
              <CustomEmoji emoji={emoji} className="size-6" />
            </button>
          ))}
          {found.length === 0 && <p className="col-span-7 px-0.5 py-1 text-sm text-faint">{t("noMatch")}</p>}
          <p className="col-span-7 mt-1 px-0.5 text-xs font-semibold text-muted uppercase">{t("common")}</p>
        </>
      )}
      {pickerEmoji.map((emoji) => (
        <button
          key={emoji}
          type="button"
          aria-label={t("react", { emoji })}
          onClick={() => pick(emoji)}
          className="flex size-8 items-center justify-center rounded text-xl hover:bg-hover focus-visible:bg-hover"
        >
          {emoji}
        </button>
      ))}
    </div>
  );
}
