import { type Database, type SQL, and, attachments, channelRecipients, channels, eq, gte, idFloorAt, isNotNull, lt, messages, serverMembers, sql, users } from "@chat/db";
import { type SearchFilter, parseSearchQuery, searchConversationsInput, searchMessagesInput } from "@chat/validators";
import type { z } from "zod";

import { attachmentsOf } from "../attachments/store";
import { rest } from "../core/rest";
import { authedProcedure, serverProcedure } from "../core/trpc";
import { canView } from "../overwrites/in-channel";
import { authorColumns } from "./author";
import { searchPageOutput, toAuthor } from "./dto";

/**
 * message.search: full-text search in a server's messages, newest first, paged by keyset on the
 * message id. Every word must match, as a whole word or the start of one, in the text or in the
 * name of one of its files; `has:file`, `has:image` and `has:link` in the query keep only messages with those. Only the server's
 * channels are searched: the join on `channels.server_id` is the fence, whatever `channelId` says,
 * and only those the caller can see (`canView`, on the caller's membership joined beside them).
 */
export const search = serverProcedure("message.read", searchMessagesInput)
  .meta(
    rest("GET", "/servers/{serverId}/messages/search", {
      summary: "Search a server's messages",
      description:
        "`query`: every word must occur, whole or as the start of a longer word, in the text or in a file's name; " +
        "`has:file`, `has:image`, `has:link` in it keep messages with a file, an image, a link. Filters: `from` (a user id), `channelId`, " +
        "`before` and `after` (ISO 8601 times). Newest first; pass `nextCursor` as `cursor` for older matches.",
      errors: [400, 404],
    }),
  )
  .output(searchPageOutput)
  .query(({ ctx, input }) =>
    searchMessages(ctx.db, ctx.user.id, input, and(eq(channels.serverId, ctx.membership.serverId), isNotNull(serverMembers.userId), canView)),
  );

/** dm.search: the same search in the caller's DMs and groups (the fence: their recipient rows). */
export const searchConversations = authedProcedure
  .meta(
    rest("GET", "/users/me/dms/messages/search", {
      summary: "Search your DMs and groups",
      description: "As a server's search: `query`, `from`, `channelId`, `before`, `after`, `cursor`, `limit`.",
      errors: [400],
    }),
  )
  .input(searchConversationsInput)
  .output(searchPageOutput)
  .query(({ ctx, input }) => searchMessages(ctx.db, ctx.user.id, input, isNotNull(channelRecipients.userId)));

/**
 * A page of matches where `fence` allows: a condition on the channel joined with the caller's
 * server membership and their recipient row (each null where they have none).
 */
async function searchMessages(db: Database, userId: bigint, input: z.output<typeof searchConversationsInput>, fence: SQL | undefined) {
  const { words, has } = parseSearchQuery(input.query);
  const conditions: Array<SQL | undefined> = [
    fence,
    words.length > 0 ? matchesWords(words) : undefined,
    ...has.map(hasCondition),
    input.from ? eq(messages.authorId, BigInt(input.from)) : undefined,
    input.channelId ? eq(messages.channelId, BigInt(input.channelId)) : undefined,
    input.cursor ? lt(messages.id, BigInt(input.cursor)) : undefined,
    input.before ? lt(messages.id, idFloorAt(input.before)) : undefined,
    input.after ? gte(messages.id, idFloorAt(input.after)) : undefined,
  ];
  const rows = await db
    .select({
      id: messages.id,
      channelId: messages.channelId,
      channelName: channels.name,
      ...authorColumns,
      content: messages.content,
      createdAt: messages.createdAt,
      editedAt: messages.editedAt,
    })
    .from(messages)
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .leftJoin(serverMembers, and(eq(serverMembers.serverId, channels.serverId), eq(serverMembers.userId, userId)))
    .leftJoin(channelRecipients, and(eq(channelRecipients.channelId, channels.id), eq(channelRecipients.userId, userId)))
    .leftJoin(users, eq(users.id, messages.authorId))
    .where(and(...conditions))
    // `id + 0` keeps the planner off the primary key's order: walking every message newest
    // first and testing each is fast when the words are common, but reads the whole table
    // when they occur nowhere. From the GIN index, the cost follows the number of matches.
    .orderBy(sql`${messages.id} + 0 desc`)
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const files = await attachmentsOf(
    db,
    page.map((row) => row.id),
  );
  const items = page.map((row) => ({
    id: String(row.id),
    channelId: String(row.channelId),
    channelName: row.channelName,
    author: toAuthor(row),
    content: row.content,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    attachments: files.get(String(row.id)) ?? [],
  }));
  return { items, nextCursor: rows.length > input.limit ? items.at(-1)!.id : null };
}

/** At most this many words of a query are used; a longer query finds nothing more. */
const MAX_WORDS = 10;

/**
 * The query as a tsquery that matches messages containing every word, each also as the start of
 * a longer word ("deplo" finds "deployment"): `deplo:* & friday:*`. Words are letters and digits
 * only, so nothing the caller types reaches the tsquery syntax.
 */
export function prefixQuery(words: string[]): string {
  return words
    .slice(0, MAX_WORDS)
    .map((word) => `${word}:*`)
    .join(" & ");
}

/**
 * Whether a message's text or one of its file names has every word. The text's expression is the
 * one indexed by `messages_content_search_idx` (a GIN index), so PostgreSQL and PGlite answer it
 * from the index; the two sets are read apart and joined, as an OR between them would read every message.
 * A file name's punctuation separates words ("q3_report.pdf": q3, report, pdf).
 */
function matchesWords(words: string[]): SQL {
  const query = sql`to_tsquery('simple', ${prefixQuery(words)})`;
  return sql`${messages.id} in (
    select m.id from ${messages} m where to_tsvector('simple', m.content) @@ ${query}
    union all
    select a.message_id from ${attachments} a
    where a.message_id is not null and to_tsvector('simple', regexp_replace(a.filename, '[^[:alnum:]]+', ' ', 'g')) @@ ${query})`;
}

const IMAGE_TYPES = sql.raw(`('image/png', 'image/jpeg', 'image/gif', 'image/webp')`);

function hasCondition(filter: SearchFilter): SQL {
  switch (filter) {
    case "file":
      return sql`exists (select 1 from ${attachments} a where a.message_id = ${messages.id})`;
    case "image":
      return sql`exists (select 1 from ${attachments} a where a.message_id = ${messages.id} and a.content_type in ${IMAGE_TYPES})`;
    case "link":
      // What link previews look for (embeds/links.ts): an http(s) URL in the text.
      return sql`${messages.content} ~* 'https?://'`;
  }
}
