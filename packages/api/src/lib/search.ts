import { type SQL, sql } from "@chat/db";
import { searchWords } from "@chat/validators";

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
