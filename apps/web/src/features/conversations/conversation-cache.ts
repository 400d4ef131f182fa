import type { RouterOutputs } from "@chat/api";

/** A DM or group as `dm.list` answers it (with its read state) and `user.onEvent` changes it. */
export type Conversation = RouterOutputs["dm"]["list"][number];
/** What everyone in it sees alike: the list's entry without the viewer's own read state and mute. */
export type ConversationSummary = Omit<Conversation, "lastReadId" | "unreadCount" | "mentionCount" | "muted">;
type Person = Conversation["recipients"][number];

/** Where a conversation opens. */
export const conversationHref = (channelId: string) => `/channels/me/${channelId}`;

const nameOf = (user: Person) => user.displayName ?? user.username;

/** Everyone in it but the viewer (a DM: the other person). */
export function othersIn(conversation: ConversationSummary, viewerId: string | undefined): Person[] {
  return conversation.recipients.filter((user) => user.id !== viewerId);
}

/** The words a title may need, in the reader's language (`conversations.alone`: a group with nobody else left). */
export type TitleWords = (key: "alone") => string;

/** What a conversation is called: a group's name, else its people (a DM: the other person's name). */
export function conversationTitle(conversation: ConversationSummary, viewerId: string | undefined, t: TitleWords): string {
  if (conversation.name) return conversation.name;
  const others = othersIn(conversation, viewerId);
  return others.length === 0 ? t("alone") : others.map(nameOf).join(", ");
}

/** Latest activity first (ids are snowflakes); one never written in sorts by when it was made. */
function latestFirst(list: Conversation[]): Conversation[] {
  const activity = (conversation: Conversation) => BigInt(conversation.lastMessageId ?? conversation.id);
  return [...list].sort((a, b) => (activity(a) === activity(b) ? 0 : activity(a) > activity(b) ? -1 : 1));
}

/** A conversation opened or changed (its people, name, owner): in the list with its read state kept, or new with nothing unread. */
export function upsertConversation(list: Conversation[], summary: ConversationSummary): Conversation[] {
  const known = list.find((conversation) => conversation.id === summary.id);
  const readState = known ?? { lastReadId: summary.lastMessageId ?? "0", unreadCount: 0, mentionCount: 0, muted: false };
  return latestFirst([...list.filter((conversation) => conversation.id !== summary.id), { ...readState, ...summary }]);
}

export function setConversationMuted(list: Conversation[], channelId: string, muted: boolean): Conversation[] {
  return list.map((conversation) => (conversation.id === channelId ? { ...conversation, muted } : conversation));
}

/** What Home's rail tile shows: the conversations with unread messages that are not muted (each one notifies, as a mention). */
export function unreadConversations(list: Conversation[] | undefined): Conversation[] {
  return list?.filter((conversation) => conversation.unreadCount > 0 && !conversation.muted) ?? [];
}

export function dropConversation(list: Conversation[], channelId: string): Conversation[] {
  return list.filter((conversation) => conversation.id !== channelId);
}

/**
 * A new message in `channelId`: it moves to the top (the list as it was when it knew of a later one). Null when the
 * list does not hold it (then read the list again).
 */
export function touchConversation(list: Conversation[], channelId: string, messageId: string): Conversation[] | null {
  const known = list.find((conversation) => conversation.id === channelId);
  if (!known) return null;
  if (known.lastMessageId && BigInt(known.lastMessageId) >= BigInt(messageId)) return list;
  return latestFirst(list.map((conversation) => (conversation.id === channelId ? { ...conversation, lastMessageId: messageId } : conversation)));
}
