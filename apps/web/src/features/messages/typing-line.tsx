import { useTranslations } from "next-intl";

import { typingText } from "./typing-text";

/** "Alice is typing…" under the composer; the line keeps its height so nothing jumps. */
export function TypingLine({ names }: { names: string[] }) {
  const text = typingText(names, useTranslations("messages.typing"));
  return (
    <div aria-live="polite" className="flex h-6 shrink-0 items-center gap-1.5 px-4 text-xs font-medium text-text">
      {text && (
        <>
          <span aria-hidden className="flex gap-0.5">
            {[0, 150, 300].map((delay) => (
              <span key={delay} className="size-1.5 animate-bounce rounded-full bg-text" style={{ animationDelay: `${delay}ms` }} />
            ))}
          </span>
          <span data-testid="typing">{text}</span>
        </>
      )}
    </div>
  );
}
