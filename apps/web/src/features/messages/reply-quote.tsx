import { useTranslations } from "next-intl";

import { CornerUpLeft } from "~/components/icons";

import { plainText } from "./markdown";
import type { ChatMessage } from "./message-cache";

/** The line above a reply: who it answers (`name`, as the reader knows them) and the start of what they said (unformatted), or that it is gone. */
export function ReplyQuote({ quote, name }: { quote: NonNullable<ChatMessage["replyTo"]>; name: string }) {
  const t = useTranslations("messages");
  return (
    <p className="flex min-w-0 items-center gap-1.5 text-[13px] leading-5 text-muted" data-reply-to={quote.id}>
      <CornerUpLeft className="size-3.5 shrink-0" aria-hidden />
      <span className="sr-only">{t("replyQuote.replyingTo")}</span>
      {quote.deleted ? (
        <span className="italic">{t("replyQuote.deleted")}</span>
      ) : (
        <>
          <span className="shrink-0 font-medium text-text">{name}</span>
          <span className="truncate">{plainText(quote.excerpt, t("markdown.spoiler"))}</span>
        </>
      )}
    </p>
  );
}
