import { type RelationshipKind, alias, and, eq, relationships, serverMembers, servers, sql, users } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { profileVisible } from "@chat/policy/relationships";
import { z } from "zod";

import { id, timestamp } from "../core/dto";
import type { Context } from "../core/trpc";
import { userSummaryOutput, toUserSummary } from "../relationships/dto";

export const profileOutput = userSummaryOutput
  .extend({
    about: z.string(),
    pronouns: z.string(),
    bannerColour: z.number().int().nullable().meta({ description: "0xRRGGBB, or null for the default" }),
    createdAt: timestamp.meta({ description: "Member of Chat RTC since" }),
    relationship: z.enum(["friend", "incoming", "outgoing", "blocked"]).nullable().meta({ description: "How you stand towards them" }),
    mutualServers: z.array(z.object({ id, name: z.string() })),
    mutualFriends: z.array(userSummaryOutput),
  })
  .meta({ id: "Profile" });
export type ProfileDto = z.infer<typeof profileOutput>;

/**
 * `userId`'s profile as `viewerId` sees it, with the servers and friends they share. Someone the
 * viewer shares nothing with and does not know is NOT_FOUND, the same as nobody.
 */
export async function loadProfile(ctx: Pick<Context, "db">, viewerId: bigint, userId: bigint): Promise<ProfileDto> {
  const mine = alias(relationships, "mine");
  const [user] = await ctx.db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      avatar: users.avatar,
      about: users.about,
      pronouns: users.pronouns,
      bannerColour: users.bannerColour,
      createdAt: users.createdAt,
      relationship: mine.kind,
    })
    .from(users)
    .leftJoin(mine, and(eq(mine.userId, viewerId), eq(mine.otherId, users.id)))
    .where(eq(users.id, userId));
  if (!user) throw fail.notFound("User");
  const self = userId === viewerId;
  const [mutualServers, mutualFriends] = await Promise.all([sharedServers(ctx, viewerId, userId), sharedFriends(ctx, viewerId, userId)]);
  const visible = profileVisible({ self, sharesServer: mutualServers.length > 0, mine: user.relationship ?? undefined });
  if (!visible) throw fail.notFound("User");
  return {
    ...toUserSummary(user),
    about: user.about,
    pronouns: user.pronouns,
    bannerColour: user.bannerColour,
    createdAt: user.createdAt,
    relationship: (user.relationship as RelationshipKind | null) ?? null,
    mutualServers: self ? [] : mutualServers,
    mutualFriends: self ? [] : mutualFriends,
  };
}

async function sharedServers(ctx: Pick<Context, "db">, a: bigint, b: bigint) {
  const theirs = alias(serverMembers, "theirs");
  const rows = await ctx.db
    .select({ id: servers.id, name: servers.name })
    .from(serverMembers)
    .innerJoin(theirs, and(eq(theirs.serverId, serverMembers.serverId), eq(theirs.userId, b)))
    .innerJoin(servers, eq(servers.id, serverMembers.serverId))
    .where(eq(serverMembers.userId, a))
    .orderBy(servers.name);
  return rows.map((row) => ({ id: String(row.id), name: row.name }));
}

async function sharedFriends(ctx: Pick<Context, "db">, a: bigint, b: bigint) {
  const theirs = alias(relationships, "theirs");
  const rows = await ctx.db
    .select({ id: users.id, username: users.username, displayName: users.displayName, avatar: users.avatar })
    .from(relationships)
    .innerJoin(theirs, and(eq(theirs.otherId, relationships.otherId), eq(theirs.userId, b), eq(theirs.kind, "friend")))
    .innerJoin(users, eq(users.id, relationships.otherId))
    .where(and(eq(relationships.userId, a), eq(relationships.kind, "friend")))
    .orderBy(sql`lower(${users.username})`);
  return rows.map(toUserSummary);
}
