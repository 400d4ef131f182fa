import { type Database, type Transaction, asc, attachments, inArray } from "@chat/db";

import { type AttachmentDto, toAttachmentDto } from "./dto";

type Queryable = Database | Transaction;

/** The attachments of each message, in the order they were uploaded (ids are snowflakes); one query for the batch. */
export async function attachmentsOf(db: Queryable, messageIds: bigint[]): Promise<Map<string, AttachmentDto[]>> {
  const byMessage = new Map<string, AttachmentDto[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db.select().from(attachments).where(inArray(attachments.messageId, messageIds)).orderBy(asc(attachments.id));
  for (const row of rows) {
    const key = String(row.messageId);
    const list = byMessage.get(key) ?? [];
    list.push(toAttachmentDto(row));
    byMessage.set(key, list);
  }
  return byMessage;
}
