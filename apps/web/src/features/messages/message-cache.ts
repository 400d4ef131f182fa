import type { ChannelEvent, RouterOutputs } from "@chat/api";
import type { InfiniteData } from "@tanstack/react-query";

/**
 * The message history of a channel as TanStack Query keeps it: pages newest first, each
 * `{ items newest first, nextCursor }` as `message.list` returns them. Live events, optimistic
 * sends and deletions all go through these pure functions, so the cache is the one copy.
 */
export type Message = RouterOutputs["message"]["list"]["items"][number];
/** A message as live events carry it: the same for every viewer, so without reactions. */
export type MessageSnapshot = Omit<Message, "reactions">;
export type ReactionChange = Extract<ChannelEvent, { type: "reaction" }>["reaction"];

/** A message this client is still sending, or failed to send, carries its delivery state. */
export interface ChatMessage extends Message {
  delivery?: { state: "sending" | "failed"; nonce: string; error?: string };
}

export interface HistoryPage {
  items: ChatMessage[];
  nextCursor: string | null;
}

export type History = InfiniteData<HistoryPage, string | undefined>;

export const historyKey = (channelId: string) => ["message.history", { channelId }] as const;

const isPending = (message: ChatMessage) => message.delivery !== undefined;

function mapItems(history: History, map: (items: ChatMessage[], pageIndex: number) => ChatMessage[]): History {
  return { ...history, pages: history.pages.map((page, index) => ({ ...page, items: map(page.items, index) })) };
}

function contains(history: History, id: string): boolean {
  return history.pages.some((page) => page.items.some((item) => item.id === id));
}

/** Newest first: unsent messages on top, then by snowflake id (numeric, not lexical, order). */
function insertNewest(items: ChatMessage[], message: ChatMessage): ChatMessage[] {
  const id = BigInt(message.id);
  const at = items.findIndex((item) => !isPending(item) && BigInt(item.id) < id);
  return at === -1 ? [...items, message] : [...items.slice(0, at), message, ...items.slice(at)];
}

/**
 * Adds a stored message (from the send response, a live event or a gap fill), replacing the
 * optimistic copy it confirms: the one with `nonce`, else the oldest unsent one by the same
 * author with the same text (the live event can arrive before the send response).
 */
export function addMessage(history: History, message: Message | MessageSnapshot, nonce?: string): History {
  let confirmed = nonce;
  if (!confirmed) {
    const unsent = history.pages[0]?.items.filter(
      (item) => isPending(item) && item.author?.id === message.author?.id && item.content === message.content,
    );
    confirmed = unsent?.at(-1)?.delivery?.nonce;
  }
  const withoutCopy = confirmed ? mapItems(history, (items) => items.filter((item) => item.delivery?.nonce !== confirmed)) : history;
  if (contains(withoutCopy, message.id)) return updateMessage(withoutCopy, message);
  return mapItems(withoutCopy, (items, page) => (page === 0 ? insertNewest(items, { reactions: [], ...message }) : items));
}

/** An edit, from the response (with reactions) or an event (without: the reactions cached stay). */
export function updateMessage(history: History, message: Message | MessageSnapshot): History {
  return mapItems(history, (items) => items.map((item) => (item.id === message.id ? { ...item, ...message } : item)));
}

/** Removes a message; replies to it then quote it as deleted, as the server now answers. */
export function removeMessage(history: History, id: string): History {
  const deleted = { id, deleted: true, author: null, excerpt: "" };
  return mapItems(history, (items) =>
    items.filter((item) => item.id !== id).map((item) => (item.replyTo?.id === id ? { ...item, replyTo: deleted } : item)),
  );
}

/**
 * Applies a reaction event: the emoji's count comes from the server, and `me` changes only when
 * the one reacting is the viewer. A new emoji goes last, one whose count fell to zero goes.
 */
export function applyReaction(history: History, messageId: string, change: ReactionChange, viewerId: string | undefined): History {
  return mapItems(history, (items) =>
    items.map((item) => {
      if (item.id !== messageId) return item;
      const existing = item.reactions.find((reaction) => reaction.emoji === change.emoji);
      const me = change.userId === viewerId ? change.added : (existing?.me ?? false);
      const updated = { emoji: change.emoji, count: change.count, me };
      const reactions = existing
        ? item.reactions.map((reaction) => (reaction === existing ? updated : reaction))
        : [...item.reactions, updated];
      return { ...item, reactions: reactions.filter((reaction) => reaction.count > 0) };
    }),
  );
}

/** Shows a message as being sent before the server has it. */
export function addUnsent(history: History, message: ChatMessage): History {
  return mapItems(history, (items, page) => (page === 0 ? [message, ...items] : items));
}

export function setDelivery(history: History, nonce: string, delivery: ChatMessage["delivery"] | null): History {
  return mapItems(history, (items) =>
    delivery === null
      ? items.filter((item) => item.delivery?.nonce !== nonce)
      : items.map((item) => (item.delivery?.nonce === nonce ? { ...item, delivery } : item)),
  );
}

/** The newest stored message, from which a reconnect asks for what it missed. */
export function newestStored(history: Pick<History, "pages">): ChatMessage | undefined {
  for (const page of history.pages) {
    const stored = page.items.find((item) => !isPending(item));
    if (stored) return stored;
  }
  return undefined;
}

export function newestStoredId(history: Pick<History, "pages">): string | undefined {
  return newestStored(history)?.id;
}

/** All loaded messages, oldest first, as the list shows them. */
export function oldestFirst(history: Pick<History, "pages"> | undefined): ChatMessage[] {
  if (!history) return [];
  return history.pages.flatMap((page) => page.items).reverse();
}

export function emptyHistory(): History {
  return { pages: [{ items: [], nextCursor: null }], pageParams: [undefined] };
}
