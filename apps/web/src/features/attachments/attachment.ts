import type { ChatMessage } from "../messages/message-cache";

/** A file on a message, as the API describes it (`url` is same-origin; "" on a message not yet sent). */
export type Attachment = ChatMessage["attachments"][number];

/** The address that makes the server send the file as a download rather than show it. */
export function downloadUrl(url: string): string {
  return `${url}${url.includes("?") ? "&" : "?"}download=1`;
}
