import { type Database, and, asc, attachments, inArray, isNull, lt } from "@chat/db";
import type { Storage } from "@chat/storage";

import type { Log } from "../core/log";
import { storedKeys } from "./images";

/** Uploads never sent (or whose message is gone) for this long are removed. */
export const UNATTACHED_TTL_MS = 60 * 60_000;
/** Rows one sweep handles at a time: a backlog goes in bounded batches. */
const BATCH = 500;

/**
 * Removes the files and rows of attachments unattached since before `now` less an hour: uploads
 * that were never sent, and those whose message, channel or uploader was deleted. Returns how
 * many it removed. Safe to run in several processes at once (deletes are idempotent).
 */
export async function sweepUnattached(services: { db: Database; storage: Storage }, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - UNATTACHED_TTL_MS);
  let removed = 0;
  for (;;) {
    const rows = await services.db
      .select({ id: attachments.id, key: attachments.storageKey })
      .from(attachments)
      .where(and(isNull(attachments.messageId), lt(attachments.createdAt, before)))
      .orderBy(asc(attachments.createdAt))
      .limit(BATCH);
    if (rows.length === 0) return removed;
    await services.storage.delete(rows.flatMap((row) => storedKeys(row.key)));
    await services.db.delete(attachments).where(
      and(
        inArray(
          attachments.id,
          rows.map((row) => row.id),
        ),
        // Sends refuse uploads this old (SENDABLE_MS, prepare.ts), so none is attached meanwhile.
        isNull(attachments.messageId),
      ),
    );
    removed += rows.length;
    if (rows.length < BATCH) return removed;
  }
}

/** Every few minutes in the background, `unref`ed: one process of every instance runs it. */
const SWEEP_EVERY_MS = 5 * 60_000;

export function startAttachmentSweep(services: { db: Database; storage: Storage; log: Log }): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepUnattached(services)
      .catch((err: unknown) => services.log.warn({ err }, "sweeping unattached uploads failed"))
      .finally(() => (running = false));
  }, SWEEP_EVERY_MS).unref();
  return { stop: () => clearInterval(timer) };
}
