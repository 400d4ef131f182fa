import type { ChatMessage } from "./message-cache";

/** Messages by one author within this span read as one block, under one name and avatar. */
const GROUP_SPAN_MS = 7 * 60_000;

export type Row =
  | { kind: "day"; key: string; date: Date }
  | { kind: "message"; key: string; message: ChatMessage; continued: boolean };

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** The rows of the message list: a separator at each new day, and author blocks within a day. */
export function toRows(messages: ChatMessage[]): Row[] {
  const rows: Row[] = [];
  let previous: ChatMessage | undefined;
  for (const message of messages) {
    const date = message.createdAt;
    const newDay = !previous || !sameDay(previous.createdAt, date);
    if (newDay) rows.push({ kind: "day", key: `day-${date.toDateString()}`, date });
    const continued =
      !newDay &&
      previous !== undefined &&
      message.author !== null &&
      previous.author?.id === message.author.id &&
      date.getTime() - previous.createdAt.getTime() < GROUP_SPAN_MS;
    rows.push({ kind: "message", key: message.delivery?.nonce ?? message.id, message, continued });
    previous = message;
  }
  return rows;
}
