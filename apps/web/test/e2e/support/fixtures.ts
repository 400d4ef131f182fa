import type { Database } from "@chat/db";

import { createMessages, createServer, createUsers } from "./seed";

export const ARCHIVE = { inviteCode: "oldTimesInvite", channel: "archive", messages: 130 };

/** A server with a long history (three pages and more) for the infinite scroll. */
export async function seedArchive(db: Database): Promise<void> {
  const people = await createUsers(db, ["historian"]);
  const historian = people.get("historian")!;
  const channelIds = await createServer(db, {
    name: "Old Times",
    inviteCode: ARCHIVE.inviteCode,
    owner: historian,
    members: [],
    channels: [ARCHIVE.channel],
  });
  const start = Date.now() - 2 * 24 * 3600_000;
  await createMessages(
    db,
    channelIds.get(ARCHIVE.channel)!,
    Array.from({ length: ARCHIVE.messages }, (_, index) => ({
      authorId: historian,
      content: `Archive message ${index + 1}`,
      at: new Date(start + index * 10 * 60_000),
    })),
  );
}
