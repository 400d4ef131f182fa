import type { UserEvent } from "@chat/api";

export type MessageEvent = Extract<UserEvent, { type: "message" }>;

/** The words of a toast or a browser notification about a mention or a reply. */
export function notificationText(event: MessageEvent): { title: string; body: string } {
  const preview = event.preview!;
  const who = preview.author ?? "Someone";
  const what = event.mentioned ? "mentioned you" : "replied to you";
  return { title: `${who} ${what} in #${preview.channelName}`, body: preview.excerpt };
}

/**
 * Whether the user should hear of this message: it mentions or answers them, the server is not
 * muted, and they are not already looking at that channel.
 */
export function deservesNotice(event: MessageEvent, muted: boolean, looking: boolean): boolean {
  return event.preview !== null && !muted && !looking;
}

/** A browser notification, when the tab is hidden and the user allowed them. Clicking it brings the tab back. */
export function notifyInBrowser(text: { title: string; body: string }, onClick: () => void): boolean {
  if (typeof Notification === "undefined" || Notification.permission !== "granted" || !document.hidden) return false;
  const notification = new Notification(text.title, { body: text.body, tag: "chat-mention" });
  notification.onclick = () => {
    window.focus();
    onClick();
    notification.close();
  };
  return true;
}
