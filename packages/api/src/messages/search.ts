import { type SQL, and, channels, eq, gte, idFloorAt, lt, messages, sql, users } from "@chat/db";
import { searchMessagesInput, searchWords } from "@chat/validators";

import { rest } from "../core/rest";
import { serverProcedure } from "../core/trpc";
import { searchPageOutput } from "./dto";

/**
 * message.search: full-text search in a server's messages, newest first, paged by keyset on the
 * message id. Every word must match, as a whole word or the start of one. Only the server's
 * channels are searched: the join on `channels.server_id` is the fence, whatever `channelId` says.
 */
export const search = serverProcedure("message.read", searchMessagesInput)
  .meta(
    rest("GET", "/servers/{serverId}/messages/search", {
      summary: "Search a server's messages",
      description:
        "`query`: every word must occur, whole or as the start of a longer word. Filters: `from` (a user id), `channelId`, " +
        "`before` and `after` (ISO 8601 times). Newest first; pass `nextCursor` as `cursor` for older matches.",
      errors: [400, 404],
    }),
  )
  .output(searchPageOutput)
  .query(async ({ ctx, input }) => {
    const conditions: Array<SQL | undefined> = [
      eq(channels.serverId, ctx.membership.serverId),
      matches(messages.content, input.query),
      input.from ? eq(messages.authorId, BigInt(input.from)) : undefined,
      input.channelId ? eq(messages.channelId, BigInt(input.channelId)) : undefined,
      input.cursor ? lt(messages.id, BigInt(input.cursor)) : undefined,
      input.before ? lt(messages.id, idFloorAt(input.before)) : undefined,
      input.after ? gte(messages.id, idFloorAt(input.after)) : undefined,
    ];
    const rows = await ctx.db
      .select({
        id: messages.id,
        channelId: messages.channelId,
        channelName: channels.name,
        authorId: messages.authorId,
        authorName: users.username,
        content: messages.content,
        createdAt: messages.createdAt,
        editedAt: messages.editedAt,
      })
      .from(messages)
      .innerJoin(channels, eq(channels.id, messages.channelId))
      .leftJoin(users, eq(users.id, messages.authorId))
      .where(and(...conditions))
      // `id + 0` keeps the planner off the primary key's order: walking every message newest
      // first and testing each is fast when the words are common, but reads the whole table
      // when they occur nowhere. From the GIN index, the cost follows the number of matches.
      .orderBy(sql`${messages.id} + 0 desc`)
      .limit(input.limit + 1);
    const page = rows.slice(0, input.limit);
    const items = page.map((row) => ({
      id: String(row.id),
      channelId: String(row.channelId),
      channelName: row.channelName,
      author: row.authorId === null ? null : { id: String(row.authorId), username: row.authorName ?? "" },
      content: row.content,
      createdAt: row.createdAt,
      editedAt: row.editedAt,
    }));
    return { items, nextCursor: rows.length > input.limit ? items.at(-1)!.id : null };
  });

/** At most this many words of a query are used; a longer query finds nothing more. */
const MAX_WORDS = 10;

/**
 * The query as a tsquery that matches messages containing every word, each also as the start of
 * a longer word ("deplo" finds "deployment"): `deplo:* & friday:*`. Words are letters and digits
 * only, so nothing the caller types reaches the tsquery syntax.
 */
export function prefixQuery(query: string): string {
  return searchWords(query)
    .slice(0, MAX_WORDS)
    .map((word) => `${word}:*`)
    .join(" & ");
}

/**
 * Whether `content` matches: the expression is the one indexed by `messages_content_search_idx`
 * (a GIN index), so PostgreSQL and PGlite answer from the index.
 */
export function matches(content: SQL | unknown, query: string): SQL {
  return sql`to_tsvector('simple', ${content}) @@ to_tsquery('simple', ${prefixQuery(query)})`;
}
