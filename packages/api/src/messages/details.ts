import { type Database, type SQL, type Transaction, eq, messages, users } from "@chat/db";

import { attachmentsOf } from "../attachments/store";
import { authorColumns } from "./author";
import { type MessageDto, type MessageRow, type MessageSnapshotDto, toMessageSnapshot } from "./dto";
import { mentionsOf } from "./mentions";
import { reactionsOf } from "./reaction-store";
import { quotesOf } from "./replies";

type Queryable = Database | Transaction;

const messageColumns = {
  id: messages.id,
  channelId: messages.channelId,
  ...authorColumns,
  content: messages.content,
  createdAt: messages.createdAt,
  editedAt: messages.editedAt,
  replyToId: messages.replyToId,
  mentionsEveryone: messages.mentionsEveryone,
  kind: messages.kind,
  embeds: messages.embeds,
};

/** Message rows with their author's name; the caller adds order and limit. */
export function selectMessages(db: Queryable, where: SQL | undefined) {
  return db.select(messageColumns).from(messages).leftJoin(users, eq(users.id, messages.authorId)).where(where);
}

/** Rows completed with their reply quotes, mentions and files (a query each, for the whole batch). */
export async function toSnapshots(db: Queryable, rows: MessageRow[]): Promise<MessageSnapshotDto[]> {
  const parentIds = rows.flatMap((row) => (row.replyToId === null ? [] : [row.replyToId]));
  const ids = rows.map((row) => row.id);
  const [quotes, mentions, files] = await Promise.all([quotesOf(db, parentIds), mentionsOf(db, ids), attachmentsOf(db, ids)]);
  return rows.map((row) =>
    toMessageSnapshot(row, {
      replyTo: row.replyToId === null ? null : quotes.get(String(row.replyToId))!,
      mentionIds: mentions.get(String(row.id)) ?? [],
      attachments: files.get(String(row.id)) ?? [],
    }),
  );
}

/** Rows as `viewerId` sees them: snapshots plus the reactions, with `me` for that viewer. */
export async function toMessages(db: Queryable, rows: MessageRow[], viewerId: bigint): Promise<MessageDto[]> {
  const [snapshots, reactions] = await Promise.all([toSnapshots(db, rows), reactionsOf(db, rows.map((row) => row.id), viewerId)]);
  return snapshots.map((snapshot) => ({ ...snapshot, reactions: reactions.get(snapshot.id) ?? [] }));
}

/** One message as `viewerId` sees it, or undefined when it is gone. */
export async function readMessage(db: Queryable, messageId: bigint, viewerId: bigint): Promise<MessageDto | undefined> {
  const rows = await selectMessages(db, eq(messages.id, messageId));
  const [message] = await toMessages(db, rows, viewerId);
  return message;
}
