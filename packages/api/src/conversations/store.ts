import {
  type Database,
  type Transaction,
  and,
  channelRecipients,
  channels,
  desc,
  eq,
  inArray,
  ne,
  nextId,
  or,
  relationships,
  rowsOf,
  sql,
} from "@chat/db";
import type { DmStanding } from "@chat/policy/conversations";
import type { RelationshipKind } from "@chat/policy/relationships";
import { fail } from "@chat/policy/errors";

import type { Context } from "../core/trpc";
import { publishToUser } from "../live/publish";
import type { UserSummaryDto } from "../relationships/dto";
import { conversationReadStates } from "../unread/read-state";
import { avatarUrlOf } from "../images/urls";
import type { ConversationDto, ConversationSummaryDto } from "./dto";

type Queryable = Database | Transaction;

/**
 * Its people as JSON, in the order they came in: one subquery, no round trip of its own. The
 * channel's id is spelled out: drizzle leaves a one-table select's columns unqualified, and `id`
 * would be the user's here.
 */
const recipientsJson = sql<RecipientRow[]>`(select json_agg(json_build_object('id', u.id::text, 'username', u.username,
    'displayName', u.display_name, 'avatar', u.avatar) order by cr.added_at, u.id)
  from ${channelRecipients} cr join users u on u.id = cr.user_id where cr.channel_id = channels.id)`;

const summaryColumns = {
  id: channels.id,
  kind: channels.kind,
  name: channels.name,
  ownerId: channels.ownerId,
  recipients: recipientsJson,
  lastMessageId: channels.lastMessageId,
};

type RecipientRow = Omit<UserSummaryDto, "avatarUrl"> & { avatar: string | null };
type SummaryRow = { id: bigint; kind: "text" | "dm" | "group"; name: string; ownerId: bigint | null; recipients: RecipientRow[] | null; lastMessageId: bigint };

function toSummary(row: SummaryRow): ConversationSummaryDto {
  return {
    id: String(row.id),
    kind: row.kind === "group" ? "group" : "dm",
    name: row.name,
    ownerId: row.ownerId === null ? null : String(row.ownerId),
    recipients: (row.recipients ?? []).map(({ avatar, ...person }) => ({ ...person, avatarUrl: avatarUrlOf(person.id, avatar) })),
    lastMessageId: row.lastMessageId === 0n ? null : String(row.lastMessageId),
  };
}

export async function loadSummary(db: Queryable, channelId: bigint): Promise<ConversationSummaryDto> {
  const [row] = await db.select(summaryColumns).from(channels).where(eq(channels.id, channelId));
  if (!row) throw fail.notFound("Channel");
  return toSummary(row);
}

/**
 * The user's DMs and groups with their read state, latest activity first, in one statement. A DM
 * someone else opened shows once it has a message.
 */
export async function listConversations(db: Database, userId: bigint): Promise<ConversationDto[]> {
  const rows = await conversationReadStates(db, userId, { ...summaryColumns, muted: channelRecipients.muted })
    .where(and(eq(channelRecipients.userId, userId), or(eq(channelRecipients.hidden, false), ne(channels.lastMessageId, 0n))))
    .orderBy(desc(sql`greatest(${channels.lastMessageId}, ${channels.id})`));
  return rows.map((row) => ({
    ...toSummary(row),
    lastReadId: row.lastReadId,
    unreadCount: row.unreadCount,
    mentionCount: row.mentionCount,
    muted: row.muted,
  }));
}

/**
 * How two people stand for a DM, in one statement: their relationship both ways, and whether they
 * share a server, one where the other accepts DMs from members (that server's choice, else their account's).
 */
export async function dmStanding(db: Database, meId: bigint, otherId: bigint): Promise<DmStanding> {
  const [row] = await rowsOf<{ mine: RelationshipKind | null; theirs: RelationshipKind | null; shares: boolean; allows: boolean }>(
    db.execute(sql`select
      (select kind from ${relationships} where user_id = ${meId} and other_id = ${otherId}) as mine,
      (select kind from ${relationships} where user_id = ${otherId} and other_id = ${meId}) as theirs,
      exists (select 1 from server_members a join server_members b on b.server_id = a.server_id and b.user_id = ${otherId}
        where a.user_id = ${meId}) as shares,
      exists (select 1 from server_members a join server_members b on b.server_id = a.server_id and b.user_id = ${otherId}
        join users u on u.id = b.user_id where a.user_id = ${meId} and coalesce(b.allow_dms, u.allow_server_dms)) as allows`),
  );
  return { mine: row?.mine ?? undefined, theirs: row?.theirs ?? undefined, sharesServer: row?.shares ?? false, sharedServerAllowsDms: row?.allows ?? false };
}

/**
 * The DM between the two, made on first use: its key (the two ids, lower first) makes opening
 * twice, even at once, find one row. The other side's row stays out of their list until a message.
 */
export async function findOrCreateDm(db: Database, meId: bigint, otherId: bigint): Promise<bigint> {
  const dmKey = meId < otherId ? `${meId}:${otherId}` : `${otherId}:${meId}`;
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(channels)
      .values({ id: nextId(), kind: "dm", name: "", dmKey })
      .onConflictDoNothing({ target: channels.dmKey })
      .returning({ id: channels.id });
    if (created) {
      await tx.insert(channelRecipients).values([
        { channelId: created.id, userId: meId },
        { channelId: created.id, userId: otherId, hidden: true },
      ]);
      return created.id;
    }
    const [existing] = await tx.select({ id: channels.id }).from(channels).where(eq(channels.dmKey, dmKey));
    await tx
      .update(channelRecipients)
      .set({ hidden: false })
      .where(and(eq(channelRecipients.channelId, existing!.id), eq(channelRecipients.userId, meId)));
    return existing!.id;
  });
}

/** Which of `userIds` are the user's friends. */
export async function friendsAmong(db: Queryable, userId: bigint, userIds: bigint[]): Promise<Set<bigint>> {
  const rows = await db
    .select({ id: relationships.otherId })
    .from(relationships)
    .where(and(eq(relationships.userId, userId), eq(relationships.kind, "friend"), inArray(relationships.otherId, userIds)));
  return new Set(rows.map((row) => row.id));
}

/** Tells each of `userIds` (their `user.onEvent`) that the conversation now stands as `summary`. */
export async function announceConversation(ctx: Pick<Context, "realtime" | "log">, userIds: Iterable<string>, summary: ConversationSummaryDto) {
  await Promise.all([...userIds].map((userId) => publishToUser(ctx, userId, { kind: "conversation", action: "updated", conversation: summary })));
}

/** Tells a user that they are out of the conversation: it leaves their list. */
export async function announceDeparture(ctx: Pick<Context, "realtime" | "log">, userId: bigint, channelId: bigint) {
  await publishToUser(ctx, userId, { kind: "conversation", action: "left", conversation: { id: String(channelId) } });
}
