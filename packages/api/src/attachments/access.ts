import { type Attachment, type Database, and, attachments, eq, isNotNull, isNull } from "@chat/db";
import { DomainError, fail } from "@chat/policy/errors";
import { authorize } from "@chat/policy/permissions";

import { loadChannelAccess } from "../channels/access";

/**
 * A sent attachment that `userId` may download: whoever may read its message's channel (the
 * permission table's `message.read`). Unknown, unsent and unreadable all look alike: NOT_FOUND,
 * unless the channel is visible and only history is refused (FORBIDDEN, as `message.list`).
 */
export async function readableAttachment(db: Database, attachmentId: bigint, userId: bigint): Promise<Attachment> {
  const [row] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), isNotNull(attachments.messageId)));
  if (!row || row.channelId === null) throw fail.notFound("Attachment");
  await authorizeChannelRead(db, row.channelId, userId, "Attachment");
  return row;
}

/**
 * Whether `userId` may read the messages of a channel, for a file of it (an attachment, a link
 * preview's image) named `what` in the errors: a channel one cannot see answers as an unknown
 * file (NOT_FOUND), so nothing says it exists; a visible one whose history is refused, FORBIDDEN.
 */
export async function authorizeChannelRead(db: Database, channelId: bigint, userId: bigint, what: string): Promise<void> {
  const access = await loadChannelAccess(db, channelId, userId).catch((error: unknown) => {
    throw error instanceof DomainError && error.code === "NOT_FOUND" ? fail.notFound(what) : error;
  });
  authorize("message.read", access.membership);
}

/** An upload still waiting for its bytes' send (the upload route writes only those), or NOT_FOUND. */
export async function storedUpload(db: Database, attachmentId: bigint): Promise<Attachment> {
  const [row] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), isNull(attachments.messageId)));
  if (!row) throw fail.notFound("Upload");
  return row;
}
