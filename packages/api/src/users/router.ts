import { eq, serverMembers, users } from "@chat/db";
import { serverDmPrivacyInput, serverIdInput, updatePrivacyInput, updateProfileInput, userIdInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";

import { okOutput } from "../core/dto";
import { rest } from "../core/rest";
import { authedProcedure, serverProcedure } from "../core/trpc";
import { membershipOf } from "../members/membership";
import { removeAvatar } from "./avatar";
import { userEventStream } from "./on-event";
import { loadProfile, profileOutput } from "./profile";

export const userRouter = {
  /**
   * The signed-in user's events across their servers: unread bumps, mentions and replies, read
   * state from other tabs, mutes, channel changes and membership (a kick or ban with its reason),
   * and how people stand towards them (friends, requests, blocks).
   * Not resumable: the first item is `sync`, on which a client refetches its counts (and again
   * whenever events may have been lost).
   */
  onEvent: authedProcedure.subscription(({ ctx, signal }) => userEventStream({ ctx, signal })),

  /** Someone's profile: yours, a friend's, or that of someone you share a server with (else NOT_FOUND). */
  profile: authedProcedure
    .meta(rest("GET", "/users/{userId}/profile", { summary: "A profile, with the servers and friends you share", errors: [400, 404] }))
    .input(userIdInput)
    .output(profileOutput)
    .query(({ ctx, input }) => loadProfile(ctx, ctx.user.id, BigInt(input.userId))),

  /** Changes your display name, about me, pronouns or banner colour; returns your profile. */
  updateProfile: authedProcedure
    .meta(rest("PATCH", "/users/me/profile", { summary: "Edit your profile", errors: [400] }))
    .input(updateProfileInput)
    .output(profileOutput)
    .mutation(async ({ ctx, input }) => {
      if (Object.values(input).some((value) => value !== undefined)) await ctx.db.update(users).set(input).where(eq(users.id, ctx.user.id));
      return loadProfile(ctx, ctx.user.id, ctx.user.id);
    }),

  /** Removes your avatar (PUT /api/avatars/me sets one): your initials show again, on every server live. */
  removeAvatar: authedProcedure
    .meta(rest("DELETE", "/users/me/avatar", { summary: "Remove your avatar" }))
    .output(okOutput)
    .mutation(async ({ ctx }) => {
      await removeAvatar(ctx);
      return { ok: true as const };
    }),

  /** Your DM privacy setting, as `updatePrivacy` last set it (a settings page shows it). */
  privacy: authedProcedure
    .meta(rest("GET", "/users/me/privacy", { summary: "Whether server members may DM you" }))
    .output(updatePrivacyInput)
    .query(async ({ ctx }) => {
      const [row] = await ctx.db.select({ allowServerDms: users.allowServerDms }).from(users).where(eq(users.id, ctx.user.id));
      return { allowServerDms: row!.allowServerDms };
    }),

  /** Whether people who share a server with you may open a DM with you (on by default; friends always may). */
  updatePrivacy: authedProcedure
    .meta(rest("PUT", "/users/me/privacy", { summary: "Allow or refuse DMs from server members", errors: [400] }))
    .input(updatePrivacyInput)
    .output(updatePrivacyInput)
    .mutation(async ({ ctx, input }) => {
      await ctx.db.update(users).set({ allowServerDms: input.allowServerDms }).where(eq(users.id, ctx.user.id));
      return input;
    }),

  /** Your answer for one server's members, as `updateServerPrivacy` last set it (null: your account's setting decides). */
  serverPrivacy: serverProcedure("server.read", serverIdInput)
    .meta(rest("GET", "/servers/{serverId}/members/me/privacy", { summary: "Whether this server's members may DM you", errors: [400, 404] }))
    .output(serverDmPrivacyInput)
    .query(async ({ ctx }) => {
      const [row] = await ctx.db.select({ allowDms: serverMembers.allowDms }).from(serverMembers).where(membershipOf(ctx.membership.serverId, ctx.user.id));
      return { serverId: String(ctx.membership.serverId), allowDms: row?.allowDms ?? null };
    }),

  /** One server's exception to `updatePrivacy` for its members; null follows your account's setting again. */
  updateServerPrivacy: serverProcedure("server.read", serverDmPrivacyInput)
    .meta(rest("PUT", "/servers/{serverId}/members/me/privacy", { summary: "Allow or refuse DMs from this server's members", errors: [400, 404] }))
    .output(serverDmPrivacyInput)
    .mutation(async ({ ctx, input }) => {
      await ctx.db.update(serverMembers).set({ allowDms: input.allowDms }).where(membershipOf(ctx.membership.serverId, ctx.user.id));
      return input;
    }),
} satisfies TRPCRouterRecord;
