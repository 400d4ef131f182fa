import { type SQL, type StoredEmbed, and, attachments, channels, eq, gt, lt, messageMentions, messageReactions, messages, serverMembers, sql, users } from "@chat/db";

import { toAttachmentDto } from "../attachments/dto";
import type { AccessRead } from "../channels/access";
import { nicknameIn } from "./author";
import { type MessageDto, type ReactionDto, type SystemKind, toAuthor, toEmbedDtos } from "./dto";
import { deletedQuote, quoteOf } from "./replies";

/** `message.list`'s input. */
export interface PageRequest {
  channelId: string;
  before?: string;
  after?: string;
  limit: number;
}

/**
 * One message of a page as the statement builds it, a JSON array: ids as text (snowflakes pass
 * 2^53), times as ISO strings, the author's names (the nickname in the channel's server) and avatar version, the parent's quote (null without a reply, or when the parent is
 * gone), the mentioned ids, the reactions as [emoji, count, me] (null when none), the link previews
 * and the files as [id, filename, size, contentType, width, height, placeholder] (null when none).
 */
type PageRow = [
  id: string,
  authorId: string | null,
  authorName: string | null,
  authorDisplayName: string | null,
  authorNickname: string | null,
  authorAvatar: string | null,
  content: string,
  createdAt: string,
  editedAt: string | null,
  replyToId: string | null,
  mentionsEveryone: boolean,
  parent: [content: string, authorId: string | null, authorName: string | null, authorDisplayName: string | null, authorNickname: string | null, authorAvatar: string | null] | null,
  mentionIds: string[] | null,
  reactions: Array<[emoji: string, count: number, me: boolean]> | null,
  kind: SystemKind | null,
  embeds: StoredEmbed[] | null,
  files: Array<
    [id: string, filename: string, size: number, contentType: string, width: number | null, height: number | null, placeholder: string | null]
  > | null,
];

type PageShape = "newest" | "before" | "after";

/**
 * A page of history, newest first, by keyset on the snowflake id, with what each message shows
 * (author, reply quote, mentions, the viewer's reactions) as one scalar subquery: the channel
 * procedure runs it in the statement that checks the caller's access (channels/access.ts), so a
 * page is one round trip, and reads the channel's server (for nicknames) from that statement's row.
 * `before` pages back in time, `after` forward; `limit + 1` rows are read to tell whether there are more.
 */
export function readPage(request: PageRequest): AccessRead<PageRow[]> {
  const shape: PageShape = request.after !== undefined ? "after" : request.before !== undefined ? "before" : "newest";
  const cursor = request.after ?? request.before;
  return { shape: `page_${shape}`, build: () => pageStatement(shape), values: { cursor: cursor === undefined ? null : BigInt(cursor), limit: request.limit + 1 } };
}

/** The page's statement for a shape: `channelId` and `userId` (the viewer) are the access statement's placeholders, `cursor` and `limit` the page's. */
function pageStatement(shape: PageShape): SQL<PageRow[]> {
  const inChannel = eq(messages.channelId, sql.placeholder("channelId"));
  const cursor = sql.placeholder("cursor");
  const where = shape === "after" ? and(inChannel, gt(messages.id, cursor)) : shape === "before" ? and(inChannel, lt(messages.id, cursor)) : inChannel;
  const direction = sql.raw(shape === "after" ? "asc" : "desc");
  const viewerId = sql.placeholder("userId");
  // The parent's columns only for replies: most messages are not, and need no lookup.
  const parent = sql`case when m.reply_to_id is null then null else (
      select json_build_array(parent.content, parent.author_id::text, parent_author.username, parent_author.display_name,
        ${nicknameIn(sql`${channels.serverId}`, sql`parent.author_id`)}, parent_author.avatar)
      from ${messages} parent left join ${users} parent_author on parent_author.id = parent.author_id
      where parent.id = m.reply_to_id) end`;
  const mentionIds = sql`(select json_agg(${messageMentions.userId}::text order by ${messageMentions.userId})
      from ${messageMentions} where ${messageMentions.messageId} = m.id)`;
  // Per emoji, in the order first used, as reactionsOf (reaction-store.ts) tallies them.
  const reactions = sql`(select json_agg(json_build_array(tally.emoji, tally.n, tally.me) order by tally.first, tally.emoji)
      from (select ${messageReactions.emoji} as emoji, count(*) as n, bool_or(${messageReactions.userId} = ${viewerId}) as me,
              min(${messageReactions.createdAt}) as first
            from ${messageReactions} where ${messageReactions.messageId} = m.id group by ${messageReactions.emoji}) tally)`;
  const files = sql`(select json_agg(json_build_array(${attachments.id}::text, ${attachments.filename}, ${attachments.size},
        ${attachments.contentType}, ${attachments.width}, ${attachments.height}, ${attachments.placeholder}) order by ${attachments.id})
      from ${attachments} where ${attachments.messageId} = m.id)`;
  return sql<PageRow[]>`select coalesce(json_agg(json_build_array(
      m.id::text, m.author_id::text, author.username, author.display_name, author_member.nickname, author.avatar, m.content, m.created_at, m.edited_at, m.reply_to_id::text,
      m.mentions_everyone, ${parent}, ${mentionIds}, ${reactions}, nullif(m.kind, 'default'), m.embeds, ${files}) order by m.id ${direction}), '[]')
    from (select * from ${messages} where ${where} order by ${messages.id} ${direction} limit ${sql.placeholder("limit")}) m
    left join ${users} author on author.id = m.author_id
    left join ${serverMembers} author_member on author_member.server_id = ${channels.serverId} and author_member.user_id = m.author_id`;
}

/** The page `readPage` read, as `message.list` answers it. */
export function toPage(rows: PageRow[], request: PageRequest): { items: MessageDto[]; nextCursor: string | null } {
  const hasMore = rows.length > request.limit;
  const items = rows.slice(0, request.limit).map((row) => toMessage(row, request.channelId));
  const last = items.at(-1);
  if (request.after !== undefined) items.reverse();
  return { items, nextCursor: hasMore && last ? last.id : null };
}

function toMessage(row: PageRow, channelId: string): MessageDto {
  const [id, authorId, authorName, authorDisplayName, authorNickname, authorAvatar, content, createdAt, editedAt, replyToId, mentionsEveryone, parent, mentionIds, reactions, kind, embeds, files] =
    row;
  return {
    id,
    channelId,
    author: toAuthor({ authorId, authorName, authorDisplayName, authorNickname, authorAvatar }),
    content,
    createdAt: new Date(createdAt),
    editedAt: editedAt === null ? null : new Date(editedAt),
    replyTo:
      replyToId === null
        ? null
        : parent === null
          ? deletedQuote(replyToId)
          : quoteOf({
              id: replyToId,
              content: parent[0],
              authorId: parent[1],
              authorName: parent[2],
              authorDisplayName: parent[3],
              authorNickname: parent[4],
              authorAvatar: parent[5],
            }),
    mentionIds: mentionIds ?? [],
    mentionsEveryone,
    reactions: (reactions ?? []).map(([emoji, count, me]): ReactionDto => ({ emoji, count: Number(count), me })),
    embeds: toEmbedDtos(id, embeds),
    attachments: (files ?? []).map(([fileId, filename, size, contentType, width, height, placeholder]) =>
      toAttachmentDto({ id: BigInt(fileId), filename, size, contentType, width, height, placeholder }),
    ),
    ...(kind && { kind }),
  };
}
