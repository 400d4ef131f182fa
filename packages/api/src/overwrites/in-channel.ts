import { type SQL, channels, permissionOverwrites, serverMembers, sql } from "@chat/db";
import { channelPermissions } from "@chat/policy/compute-permissions";
import { Permission, allPermissions } from "@chat/policy/permission-flags";

import { type Membership, heldRoles } from "../members/membership";

/**
 * A member's permissions in a channel, in SQL terms, for statements that join `channels` with the
 * member's `server_members` row. Two forms of one algorithm (compute-permissions.ts):
 * - `overwriteColumns` + `inChannel`: the statement that loads one channel's access aggregates
 *   the overwrites that apply to the member, and `channelPermissions` decides in TypeScript;
 * - `canView`: a condition for statements over many channels (lists, counts, search), the same
 *   steps in SQL. `test/overwrites.test.ts` holds the two to the same answers.
 */

const po = sql.raw("po");

/**
 * The overwrites in force on the joined channel: its category's when synced with one (Discord's
 * "synced"), else its own. Two ORed conditions, each of which an index answers.
 */
const inForce = sql`((${channels.permissionsSynced} and ${po}.category_id = ${channels.categoryId})
  or (not (${channels.permissionsSynced} and ${channels.categoryId} is not null) and ${po}.channel_id = ${channels.id}))`;

/**
 * Which group an overwrite in force falls in for the joined member, whose roles are `held`
 * (membership.ts): 'e'veryone, 'r'ole, 'm'ember; null when it does not apply.
 */
const group = sql`case
  when ${po}.target_type = 'member' then case when ${po}.target_id = ${serverMembers.userId} then 'm' end
  when ${po}.target_id = held.everyone then 'e'
  when ${po}.target_id = any(held.ids) then 'r'
end`;

const bits = (column: "allow" | "deny", of: "e" | "r" | "m") => sql`coalesce(bit_or(o.${sql.raw(column)}) filter (where o.g = '${sql.raw(of)}'), 0)`;

/** The overwrites that apply, combined per group, as one row of o(ea, ed, ra, rd, ma, md). */
const applicable = sql`(select ${bits("allow", "e")} ea, ${bits("deny", "e")} ed, ${bits("allow", "r")} ra, ${bits("deny", "r")} rd,
    ${bits("allow", "m")} ma, ${bits("deny", "m")} md
  from (select ${po}.allow, ${po}.deny, ${group} g from ${permissionOverwrites} ${po} where ${inForce}) o)`;

/** For the statement that loads one channel's access (with `withHeldRoles`): the applicable overwrites, as text "ea ed ra rd ma md". */
export const overwriteColumns = {
  overwrites: sql<string>`(select concat_ws(' ', a.ea, a.ed, a.ra, a.rd, a.ma, a.md) from ${applicable} a)`,
};

const parsed = (overwrites: string) => overwrites.split(" ").map(BigInt) as [bigint, bigint, bigint, bigint, bigint, bigint];

/** Whether the channel whose overwrites these are (`overwriteColumns`) is private: @everyone is denied VIEW_CHANNEL. */
export const privateIn = (overwrites: string) => (parsed(overwrites)[1] & Permission.VIEW_CHANNEL) !== 0n;

/** The membership as it stands in the channel: its permissions after the overwrites (`overwriteColumns`). */
export function inChannel(membership: Membership, overwrites: string): Membership {
  const [ea, ed, ra, rd, ma, md] = parsed(overwrites);
  const permissions = channelPermissions(membership.permissions, {
    everyone: { allow: ea, deny: ed },
    roles: [{ allow: ra, deny: rd }],
    member: { allow: ma, deny: md },
  });
  return { ...membership, permissions };
}

/** A flag as a bigint literal of the statement (a constant, not a parameter). */
const literal = (bits: bigint) => sql.raw(`${bits}::bigint`);

/**
 * Whether the channel of the statement is private (Discord's lock): the @everyone overwrite in
 * force on it denies VIEW_CHANNEL. It needs no member, so lists of channels add it as a column.
 */
export const isPrivate = sql<boolean>`exists (select 1 from ${permissionOverwrites} ${po}
  join roles r on r.id = ${po}.target_id and r.built_in = 'everyone'
  where ${inForce} and ${po}.target_type = 'role' and ${po}.deny & ${literal(Permission.VIEW_CHANNEL)} <> 0)`;

/**
 * Whether the joined member may see the joined channel (VIEW_CHANNEL in it): the owner and
 * ADMINISTRATOR always, others after the overwrites, in the order of `channelPermissions`.
 */
export const canView: SQL = sql`(${serverMembers.role} = 'owner' or (select
    case when held.bits & ${literal(Permission.ADMINISTRATOR)} <> 0 then ${literal(allPermissions)}
    else ((((((held.bits & ~a.ed) | a.ea) & ~a.rd) | a.ra) & ~a.md) | a.ma) end
  from ${heldRoles} cross join lateral ${applicable} a) & ${literal(Permission.VIEW_CHANNEL)} <> 0)`;

/** Whether the joined member sees channel `channelId` (`canView` on that one channel): for a list of members. */
export const seesChannel = (channelId: bigint): SQL => sql`exists (select 1 from ${channels} where ${channels.id} = ${channelId} and ${canView})`;

/** Whether permissions computed in TypeScript see the channel (the same question as `canView`). */
export const sees = (membership: Pick<Membership, "permissions">) => (membership.permissions & Permission.VIEW_CHANNEL) !== 0n;
