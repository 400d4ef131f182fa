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

/** Words are letters and digits; anything else separates them (as PostgreSQL's parser does). */
export const searchWords = (query: string): string[] => query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

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
