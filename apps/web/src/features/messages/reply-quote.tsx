import { CornerUpLeft } from "lucide-react";

import type { ChatMessage } from "./message-cache";

/** The line above a reply: who it answers and the start of what they said, or that it is gone. */
export function ReplyQuote({ quote }: { quote: NonNullable<ChatMessage["replyTo"]> }) {
  return (
    <p className="flex min-w-0 items-center gap-1.5 text-[13px] leading-5 text-muted" data-reply-to={quote.id}>
      <CornerUpLeft className="size-3.5 shrink-0" aria-hidden />
      <span className="sr-only">Replying to</span>
      {quote.deleted ? (
        <span className="italic">Original message deleted</span>
      ) : (
        <>
          <span className="shrink-0 font-medium text-text">{quote.author?.username ?? "Deleted user"}</span>
          <span className="truncate">{quote.excerpt}</span>
        </>
      )}
    </p>
  );
}
