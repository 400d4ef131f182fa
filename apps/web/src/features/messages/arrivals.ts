import { plainText } from "./markdown";
import type { ChatMessage } from "./message-cache";

const SPOKEN_LENGTH = 150;

/**
 * What a screen reader hears of messages that arrived together: one is read out with its author,
 * several are counted (a busy channel is not read message by message).
 */
export function arrivalText(arrived: ChatMessage[], nameOf: (message: ChatMessage) => string, place: string): string {
  if (arrived.length === 0) return "";
  if (arrived.length > 1) return `${arrived.length} new messages in ${place}`;
  const message = arrived[0]!;
  const text = plainText(message.content);
  return `${nameOf(message)}: ${text.length > SPOKEN_LENGTH ? `${text.slice(0, SPOKEN_LENGTH)}…` : text}`;
}
