import {
  type Channel,
  type Database,
  type Placeholder,
  type SQL,
  type SelectedFields,
  and,
  channelRecipients,
  channels,
  eq,
  isNotNull,
  or,
  serverMembers,
  sql,
  users,
} from "@chat/db";
import { conversationPermissions } from "@chat/policy/conversations";
import { fail } from "@chat/policy/errors";
import { type Action, authorize } from "@chat/policy/permissions";

import { avatarUrlOf } from "../images/urls";
import { type ServerStateHold, checkFromState, serverStates } from "../live/server-state";
import type { Signal } from "../live/signals";
import type { Context } from "../core/trpc";
import type { AuthorDto } from "../messages/dto";
import { type Membership, explainingRemoval, grantColumns, toMembership, withHeldRoles } from "../members/membership";
import { inChannel, overwriteColumns, privateIn, sees } from "../overwrites/in-channel";
import { type ChannelPlace, knownPlace, rememberPlace } from "./places";

/**
 * The caller as a channel's rules see them: a member of its server (their permissions after the
 * channel's overwrites), or a participant in a DM or group (`serverId` null: no server, no role).
 */
export type ChannelMembership = Membership | Participant;
export type Participant = Omit<Membership, "serverId" | "role"> & { serverId: null; role: null };

/** A channel as its access loaded it, narrowed to a server's: what server-only procedures (settings, layout, overwrites, pins) act on. */
export interface ServerChannelAccess<Access extends { channel: Channel; membership: ChannelMembership }> {
  access: Omit<Access, "channel" | "membership"> & { channel: Access["channel"] & { serverId: bigint }; membership: Membership };
}

/**
 * The access of a server's channel, or NOT_FOUND for a DM or group (server-only procedures do not
 * reach conversations, which have no settings, layout or moderators).
 */
export function serverChannelOnly<Access extends { channel: Channel; membership: ChannelMembership }>(access: Access): ServerChannelAccess<Access>["access"] {
  const { channel, membership } = access;
  if (channel.serverId === null || membership.serverId === null) throw fail.notFound("Channel");
  return { ...access, channel: { ...channel, serverId: channel.serverId }, membership };
}

/** A DM's or group's people, whom its events are announced to (null for a server's channel). */
export const recipientIds = sql<string[] | null>`case when ${channels.serverId} is null then
  (select array_agg(cr.user_id::text order by cr.user_id) from ${channelRecipients} cr where cr.channel_id = ${channels.id}) end`;

/** The caller in the access statement: their id, or the placeholder of a prepared statement. */
type UserRef = bigint | Placeholder<"userId">;

/**
 * For a DM or group, in the statement that loads its access: the caller's recipient row, its
 * recipients (whom its events are announced to) and, in a DM, whether a block stands between the
 * two (either way). Evaluated on a server channel's row too, where they are null and false.
 */
const conversationColumns = (userId: UserRef) => ({
  participant: channelRecipients.userId,
  recipientIds,
  blocked: sql<boolean>`(${channels.kind} = 'dm' and exists (select 1 from relationships r join ${channelRecipients} other
      on other.channel_id = ${channels.id} and other.user_id <> ${userId}
    where r.kind = 'blocked' and ((r.user_id = ${userId} and r.other_id = other.user_id) or (r.user_id = other.user_id and r.other_id = ${userId}))))`,
});

/**
 * The caller's names and avatar as their messages carry them (the author of a send or an edit): their display
 * name, and their nickname in the channel's server (none in a DM or group).
 */
const callerNameColumns = (userId: UserRef) => ({
  callerDisplayName: sql<string | null>`(select u.display_name from ${users} u where u.id = ${userId})`,
  callerNickname: serverMembers.nickname,
  callerAvatar: sql<string | null>`(select u.avatar from ${users} u where u.id = ${userId})`,
});

export type CallerNames = Pick<AuthorDto, "displayName" | "nickname" | "avatarUrl">;

export function callerNamesOf(row: { callerDisplayName: string | null; callerNickname: string | null; callerAvatar: string | null }, userId: bigint): CallerNames {
  return { displayName: row.callerDisplayName, nickname: row.callerNickname, avatarUrl: avatarUrlOf(userId, row.callerAvatar) };
}

/**
 * The statement every channel access loads with: the channel, the caller's place and names in it,
 * and `extra` columns. Where the channel is known to be a server's, it joins no recipients; where
 * it is known to be a conversation, no membership, roles or overwrites (places.ts): the same
 * columns in every case, null where that kind of channel has none.
 */
export function selectChannelAccess<Extra extends SelectedFields>(db: Database, userId: UserRef, extra: Extra, place: ChannelPlace | "either" = "either") {
  const columns = { channel: channels, ...grantColumns, ...overwriteColumns, ...conversationColumns(userId), ...callerNameColumns(userId), ...extra };
  const selected = place === "server" ? { ...columns, ...noConversation } : place === "conversation" ? { ...columns, ...noServer } : columns;
  const from = () => db.select(selected as typeof columns).from(channels);
  const inServer = () =>
    from().leftJoin(serverMembers, and(eq(serverMembers.serverId, channels.serverId), eq(serverMembers.userId, userId))).innerJoinLateral(...withHeldRoles);
  const recipientOn = and(eq(channelRecipients.channelId, channels.id), eq(channelRecipients.userId, userId));
  const either = () => inServer().leftJoin(channelRecipients, recipientOn);
  // One row type for every place: the joins a place leaves out would only yield the nulls it selects instead.
  type Either = ReturnType<typeof either>;
  if (place === "server") return inServer() as unknown as Either;
  if (place === "conversation") return from().leftJoin(channelRecipients, recipientOn) as unknown as Either;
  return either();
}

const none = sql`null`;
const noConversation = { participant: none, recipientIds: none, blocked: sql`false` };
// A conversation has no member row, roles or nickname, and no overwrite applies in it.
const noServer = { serverId: none, userId: none, role: none, timedOutUntil: none, rolePermissions: none, rank: none, overwrites: sql`'0 0 0 0 0 0'`, callerNickname: none };

/** The rows `selectChannelAccess` may return: where the caller is a member of the server, or a participant. */
export function reachableIn(place: ChannelPlace | "either"): SQL | undefined {
  if (place === "server") return isNotNull(serverMembers.userId);
  if (place === "conversation") return isNotNull(channelRecipients.userId);
  return or(isNotNull(serverMembers.userId), isNotNull(channelRecipients.userId));
}

type AccessRow = Awaited<ReturnType<ReturnType<typeof selectChannelAccess<Record<never, never>>>["execute"]>>[number];

/** The caller's membership in the loaded channel, or null when they cannot see it. */
export function membershipIn(row: AccessRow, userId: bigint): ChannelMembership | null {
  const membership: ChannelMembership =
    row.channel.serverId === null
      ? participantOf(row.channel, userId, row.blocked)
      : inChannel(toMembership(row as Parameters<typeof toMembership>[0]), row.overwrites);
  return sees(membership) ? membership : null;
}

/**
 * A read that goes in the statement that loads a channel's access (a page of history): its SQL is
 * built once per `shape`, with placeholders (`channelId` and `userId` are the access's own), and
 * filled in on each call from `values`.
 */
export interface AccessRead<Read> {
  /** Names the statement `build` makes: unique among all reads. */
  shape: string;
  build: () => SQL<Read>;
  values: Record<string, unknown>;
}

/**
 * A channel joined with the caller's place in it: their membership in its server, or their
 * recipient row in a DM or group. A missing channel, one in a server the caller is not in, one
 * they cannot see and a conversation they are not part of all give the same NOT_FOUND.
 *
 * `read`, a scalar subquery, goes in the same statement (one round trip where a handler's first
 * read would be a second: a page of history). It is evaluated only on the row the caller's access
 * joins, so a caller without access reads nothing; it comes back as `read`. The caller's roles are
 * aggregated in the same statement (`grantColumns`), and so are the channel's overwrites that
 * apply to them (`overwriteColumns`): the membership comes back with their permissions here, and
 * the channel with whether it is private (from the same overwrites).
 */
export async function loadChannelAccess<Read = undefined>(db: Database, channelId: bigint, userId: bigint, read?: AccessRead<Read>) {
  const place = knownPlace(channelId);
  const [row] = await accessStatement(db, place, read).execute({ ...read?.values, channelId, userId });
  if (row) rememberPlace(row.channel);
  const membership = row && membershipIn(row, userId);
  if (!row || !membership) throw fail.notFound("Channel");
  return {
    channel: { ...row.channel, private: privateIn(row.overwrites) },
    membership,
    recipientIds: row.recipientIds,
    callerNames: callerNamesOf(row, userId),
    read: row.read as Read,
  };
}

type AccessStatement = ReturnType<typeof prepareAccess>;
const accessStatements = new WeakMap<Database, Map<string, AccessStatement>>();

/**
 * The access statement for a place and a read's shape, prepared once per database: Drizzle took
 * 0.16 ms of CPU to build it (0.23 ms with a page of history) on every channel procedure.
 */
function accessStatement(db: Database, place: ChannelPlace | "either", read: AccessRead<unknown> | undefined): AccessStatement {
  let statements = accessStatements.get(db);
  if (!statements) accessStatements.set(db, (statements = new Map()));
  const name = `channel_access_${place}_${read?.shape ?? "alone"}`;
  let statement = statements.get(name);
  if (!statement) statements.set(name, (statement = prepareAccess(db, place, read?.build(), name)));
  return statement;
}

function prepareAccess(db: Database, place: ChannelPlace | "either", read: SQL | undefined, name: string) {
  return selectChannelAccess(db, sql.placeholder("userId"), { read: read ? sql`(${read})` : sql`null` }, place)
    .where(and(eq(channels.id, sql.placeholder("channelId")), reachableIn(place)))
    .prepare(name);
}

/** A DM's or group's participant as the permission table sees them: its owner is a group's owner. */
export function participantOf(channel: { ownerId: bigint | null }, userId: bigint, blocked: boolean): Participant {
  return {
    serverId: null,
    userId,
    role: null,
    timedOutUntil: null,
    owner: channel.ownerId === userId,
    permissions: conversationPermissions({ blocked }),
    rank: 0,
  };
}

/**
 * Throws unless the user may still do `action` in the channel: live subscriptions call it again
 * when memberships change, passing the signal that made them look (`cause`).
 */
export async function assertChannelAccess(db: Database, channelId: bigint, userId: bigint, action: Action, cause?: Signal) {
  await explainingRemoval(cause, userId, async () => authorize(action, (await loadChannelAccess(db, channelId, userId)).membership));
}

/** A live subscription's access to a channel, checked again on the signals that may have changed it. */
export interface ChannelAccessWatch {
  /** Throws unless the user may still do the action in the channel (see `assertChannelAccess`). */
  recheck(cause?: Signal): Promise<void>;
  /** The subscription ended. */
  release(): void;
}

/**
 * Watches a subscriber's access to a channel: in a server's channel from the server's state
 * shared by all its subscriptions in this process (read once, then once per change for all of
 * them, not once per subscription), in a DM or group from the database (its access changes are
 * its own topic's, rare, and concern at most ten people).
 */
export function watchChannelAccess(
  ctx: Pick<Context, "db" | "realtime">,
  channel: { id: bigint; serverId: bigint | null },
  userId: bigint,
  action: Action,
): ChannelAccessWatch {
  const { db } = ctx;
  const serverId = channel.serverId;
  if (serverId === null) return { recheck: (cause) => assertChannelAccess(db, channel.id, userId, action, cause), release: () => undefined };
  let hold: ServerStateHold | undefined;
  return {
    recheck: (cause) =>
      explainingRemoval(cause, userId, () =>
        checkFromState(
          cause,
          async () => {
            hold ??= serverStates(ctx).hold(serverId);
            const membership = (await hold.state(cause)).inChannel(userId, channel.id);
            if (!membership || !sees(membership)) throw fail.notFound("Channel");
            authorize(action, membership);
          },
          async () => authorize(action, (await loadChannelAccess(db, channel.id, userId)).membership),
        ),
      ),
    release: () => hold?.release(),
  };
}
