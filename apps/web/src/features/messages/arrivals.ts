import type { useTranslations } from "next-intl";

import { plainText } from "./markdown";
import type { ChatMessage } from "./message-cache";

const SPOKEN_LENGTH = 150;

/** The words of arrivals, from the `messages` catalogue (a spoiler's stand-in comes from it too). */
export type ArrivalWords = ReturnType<typeof useTranslations<"messages">>;

/**
 * What a screen reader hears of messages that arrived together: one is read out with its author,
 * several are counted (a busy channel is not read message by message).
 */
export function arrivalText(arrived: ChatMessage[], nameOf: (message: ChatMessage) => string, place: string, t: ArrivalWords): string {
  if (arrived.length === 0) return "";
  if (arrived.length > 1) return t("arrivals.several", { count: arrived.length, place });
  const message = arrived[0]!;
  const plain = plainText(message.content, t("markdown.spoiler"));
  const text = plain.length > SPOKEN_LENGTH ? `${plain.slice(0, SPOKEN_LENGTH)}…` : plain;
  // Files are counted, so that a message of files alone is not heard as empty.
  const files = message.attachments.length > 0 ? t("arrivals.files", { count: message.attachments.length }) : "";
  return t("arrivals.one", { name: nameOf(message), text: [text, files].filter(Boolean).join(" · ") });
}
