import type { UserEvent } from "@chat/api";
import type { useTranslations } from "next-intl";

import { plainText } from "../messages/markdown";

export type MessageEvent = Extract<UserEvent, { type: "message" }>;

/** The `unread.notification` messages, as a toast or a notification words them. */
export type NotificationWords = ReturnType<typeof useTranslations<"unread.notification">>;

/**
 * The words of a toast or a browser notification about a mention, a reply, a message in a DM or group, or any message
 * of a channel whose level is "all".
 */
export function notificationText(event: MessageEvent, t: NotificationWords): { title: string; body: string } {
  const preview = event.preview!;
  const who = preview.author ?? t("someone");
  const body = plainText(preview.excerpt, t("spoiler"));
  // A DM's title is its author, as Discord shows it; a group's, its name when it has one.
  if (event.serverId === null) return { title: preview.channelName ? t("inGroup", { who, group: preview.channelName }) : who, body };
  return { title: t(event.mentioned ? "mentioned" : event.reply ? "replied" : "inChannel", { who, channel: preview.channelName }), body };
}

/**
 * Whether the user should hear of this message: the server previewed it (by their level: it mentions or answers them,
 * or they chose all messages; or it is in one of their DMs or groups), the server is not muted, and they are not
 * already looking at that channel.
 */
export function deservesNotice(event: MessageEvent, muted: boolean, looking: boolean): boolean {
  return event.preview !== null && !muted && !looking;
}

/**
 * A browser notification, when the tab is hidden and the user allowed them. Clicking it brings the tab back. Its tag
 * is the one a Web Push about the same channel carries (push/deliver.ts), so a device with both shows one.
 */
export function notifyInBrowser(text: { title: string; body: string }, channelId: string, onClick: () => void): boolean {
  if (typeof Notification === "undefined" || Notification.permission !== "granted" || !document.hidden) return false;
  const notification = new Notification(text.title, { body: text.body, tag: `channel-${channelId}` });
  notification.onclick = () => {
    window.focus();
    onClick();
    notification.close();
  };
  return true;
}
