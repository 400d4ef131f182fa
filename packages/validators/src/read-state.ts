import { z } from "zod";

import { limits } from "./limits";
import { id } from "./primitives";

/**
 * Inputs of read state, notifications and search (issue 6). Kept apart from index.ts, which
 * holds the foundation's inputs.
 */

/** Without `messageId`: read up to the channel's latest message. */
export const markReadInput = z.object({ channelId: id, messageId: id.optional() });
export const setMutedInput = z.object({ serverId: id, muted: z.boolean() });
export const setConversationMutedInput = z.object({ channelId: id, muted: z.boolean() });

/**
 * Which messages of a server notify you (issue 19): every message by someone else, only those
 * that mention or answer you, or none. A muted server is quieter still: it never notifies.
 */
export const notifyLevels = ["all", "mentions", "nothing"] as const;
export const notifyLevel = z.enum(notifyLevels);
export type NotifyLevel = z.infer<typeof notifyLevel>;
/** A channel's choice: one of the levels, or "default" to follow the server's. */
export const channelNotifyLevel = z.enum([...notifyLevels, "default"]);
export type ChannelNotifyLevel = z.infer<typeof channelNotifyLevel>;
export const setServerNotifyInput = z.object({ serverId: id, level: notifyLevel });
export const setChannelNotifyInput = z.object({ channelId: id, level: channelNotifyLevel });

/** Words are letters and digits; anything else separates them (as PostgreSQL's parser does). */
export const searchWords = (query: string): string[] => query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Search filters written in the query, as on Discord: `has:file`, `has:image`, `has:link`. */
export const searchFilters = ["file", "image", "link"] as const;
export type SearchFilter = (typeof searchFilters)[number];

/** A query's `has:` filters and its other words (the text to find in messages and file names). */
export function parseSearchQuery(query: string): { words: string[]; has: SearchFilter[] } {
  const has = new Set<SearchFilter>();
  const rest = query.replace(/(?<!\S)has:(\w+)(?!\S)/gi, (token, name: string) => {
    const filter = searchFilters.find((known) => known === name.toLowerCase());
    if (!filter) return token;
    has.add(filter);
    return " ";
  });
  return { words: searchWords(rest), has: [...has] };
}

/** A search in your DMs and groups; `searchMessagesInput` adds the server. */
export const searchConversationsInput = z.object({
  query: z
      .string()
      .trim()
      .min(1)
      .max(limits.searchQuery.max)
      .refine((value) => searchWords(value).length > 0, "must contain a letter or a digit"),
    /** Only messages by this user. */
    from: id.optional(),
    /** Only in this channel. */
    channelId: id.optional(),
    /** Only messages sent before / after this time. */
    before: z.coerce.date().optional(),
    after: z.coerce.date().optional(),
    /** The `nextCursor` of the previous page: older matches. */
    cursor: id.optional(),
  limit: z.coerce.number().int().min(1).max(limits.searchPage.max).default(limits.searchPage.default),
});

export const searchMessagesInput = searchConversationsInput.extend({ serverId: id });
