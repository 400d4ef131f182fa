import type { ChatMessage } from "./message-cache";

/**
 * Messages by one author within this span read as one block, under one name and avatar (a reply starts a block; a
 * group's system line is a block of its own, and so is the message after it).
 */
const GROUP_SPAN_MS = 7 * 60_000;

/**
 * One row per message. A day separator belongs to the first message of its day rather than being
 * a row of its own, so that the top row is always a message: the list keeps the reader's place
 * by that row when older pages are prepended.
 */
export interface Row {
  key: string;
  message: ChatMessage;
  /** Continues the previous message's block: no avatar or name. */
  continued: boolean;
  /** Set on the first message of a day: the separator shows above it. */
  newDay: Date | null;
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

export function toRows(messages: ChatMessage[]): Row[] {
  return messages.map((message, index) => {
    const previous = messages[index - 1];
    const newDay = !previous || !sameDay(previous.createdAt, message.createdAt);
    const continued =
      !newDay &&
      message.replyTo === null &&
      !message.kind &&
      !previous?.kind &&
      message.author !== null &&
      previous?.author?.id === message.author.id &&
      message.createdAt.getTime() - previous.createdAt.getTime() < GROUP_SPAN_MS;
    return { key: message.delivery?.nonce ?? message.id, message, continued, newDay: newDay ? message.createdAt : null };
  });
}
