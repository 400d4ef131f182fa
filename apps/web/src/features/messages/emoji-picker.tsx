"use client";

import { useTranslations } from "next-intl";
import { useEffect, useLayoutEffect, useRef, useState } from "react";

import { cn } from "~/lib/cn";

/** The picker's choice: common reactions, each fully qualified as the API requires (❤️, not ❤). */
export const pickerEmoji = ["👍", "❤️", "😂", "🎉", "😮", "😢", "🙏", "🔥", "👀", "✅", "👎", "💯", "🤔", "🚀"];

interface EmojiPickerProps {
  onPick: (emoji: string) => void;
  onClose: () => void;
}

/** A small grid of emoji in a popover; Escape or a click outside closes it, focus starts on the first. */
export function EmojiPicker({ onPick, onClose }: EmojiPickerProps) {
  const t = useTranslations("messages.emojiPicker");
  const ref = useRef<HTMLDivElement>(null);
  const [upward, setUpward] = useState(false);
  // Below the toolbar unless that runs past the bottom of the scrolling list (the newest messages): then above it.
  useLayoutEffect(() => {
    const list = ref.current?.closest("[role=region]");
    if (ref.current && list) setUpward(ref.current.getBoundingClientRect().bottom > list.getBoundingClientRect().bottom);
  }, []);
  useEffect(() => {
    ref.current?.querySelector("button")?.focus();
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
        "absolute right-0 z-20 grid w-[232px] grid-cols-7 gap-0.5 rounded-lg border border-rail bg-panel p-2 shadow-xl",
        upward ? "bottom-full mb-1" : "top-full mt-1",
      )}
    >
      {pickerEmoji.map((emoji) => (
        <button
          key={emoji}
          type="button"
          aria-label={t("react", { emoji })}
          onClick={() => {
            onPick(emoji);
            onClose();
          }}
          className="flex size-8 items-center justify-center rounded text-xl hover:bg-hover focus-visible:bg-hover"
        >
          {emoji}
        </button>
      ))}
    </div>
  );
}
