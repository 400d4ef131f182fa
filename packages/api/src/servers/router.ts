import { type Database, attachments, builtInRoles, channels, inArray, eq, messages, nextId, roles, serverMembers, servers } from "@chat/db";
import { permissionsToString } from "@chat/policy/permission-flags";
import { fail } from "@chat/policy/errors";
import { createServerInput, joinServerInput, serverIdInput, setMutedInput, setServerNotifyInput, updateServerInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { filesOf, removeFiles } from "../attachments/files";
import { embedImagesOf } from "../embeds/images";
import { auditBy, changes, recordAudit } from "../audit/record";
import { okOutput } from "../core/dto";
import { rest } from "../core/rest";
import { authedProcedure, serverProcedure } from "../core/trpc";
import { emojiKeysOf } from "../emojis/store";
import { withFreshCode } from "../invites/code";
import { joinByCode } from "../invites/rules";
import { publishToUser, signalAccessChange } from "../live/publish";
import { topics } from "../live/signals";
import { findMembership, grantColumns, loadMembership, membershipOf, toMembership, withHeldRoles } from "../members/membership";
import { deleteMembership, lockServer } from "../members/removal";
import { publishActivity } from "../unread/activity";
import { mutedOutput, serverNotifyOutput, serverWithReadStateOutput } from "../unread/dto";
import { everyServer, readStates } from "../unread/read-state";
import { removeServerIcon } from "./icon";
import { serverOutput, serverWithInviteCodeOutput, serverWithRoleOutput, toServer } from "./dto";

async function getServer(db: Database, serverId: bigint) {
  const [server] = await db.select().from(servers).where(eq(servers.id, serverId));
  if (!server) throw fail.notFound("Server");
  return server;
}

export const serverRouter = {
  create: authedProcedure
    .meta(rest("POST", "/servers", { summary: "Create a server; you own it", errors: [400] }))
    .input(createServerInput)
    .output(serverWithInviteCodeOutput)
    .mutation(({ ctx, input }) =>
      withFreshCode("servers_invite_code_key", (inviteCode) =>
        ctx.db.transaction(async (tx) => {
          const [server] = await tx
            .insert(servers)
            .values({ id: nextId(), name: input.name, ownerId: ctx.user.id, inviteCode })
            .returning();
          await tx.insert(serverMembers).values({ serverId: server!.id, userId: ctx.user.id, role: "owner" });
          await tx.insert(roles).values(builtInRoles(server!.id));
          await tx.insert(channels).values({ id: nextId(), serverId: server!.id, name: "general" });
          return { ...toServer(server!, (await findMembership(tx, server!.id, ctx.user.id))!), inviteCode: server!.inviteCode };
        }),
      ),
    ),

  /** The caller's servers with their role in each, oldest membership first, with mute and unread totals. */
  list: authedProcedure
    .meta(rest("GET", "/servers", { summary: "The servers you are a member of, with your role and unread totals" }))
    .output(z.array(serverWithReadStateOutput))
    .query(async ({ ctx }) => {
      const rows = await ctx.db
        .select({ server: servers, ...grantColumns, muted: serverMembers.muted, notify: serverMembers.notify })
        .from(serverMembers)
        .innerJoin(servers, eq(servers.id, serverMembers.serverId))
        .innerJoinLateral(...withHeldRoles)
        .where(eq(serverMembers.userId, ctx.user.id))
        .orderBy(serverMembers.joinedAt, servers.id);
      const totals = new Map<bigint, { unreadCount: number; mentionCount: number }>();
      for (const state of await readStates(ctx.db, ctx.user.id, everyServer)) {
        const total = totals.get(state.serverId) ?? { unreadCount: 0, mentionCount: 0 };
        total.unreadCount += state.unreadCount;
        total.mentionCount += state.mentionCount;
        totals.set(state.serverId, total);
      }
      return rows.map((row) => {
        const membership = toMembership(row);
        return {
          ...toServer(row.server, membership),
          role: row.role,
          permissions: permissionsToString(membership.permissions),
          rank: membership.rank,
          muted: row.muted,
          notify: row.notify,
          ...(totals.get(row.server.id) ?? { unreadCount: 0, mentionCount: 0 }),
        };
      });
    }),

  /** Mutes a server for you: no toasts or notifications and no unread marks; mentions still count. */
  setMuted: serverProcedure("server.read", setMutedInput)
    .meta(rest("PUT", "/servers/{serverId}/muted", { summary: "Mute or unmute a server for yourself", errors: [400, 404] }))
    .output(mutedOutput)
    .mutation(async ({ ctx, input }) => {
      await ctx.db.update(serverMembers).set({ muted: input.muted }).where(membershipOf(ctx.membership.serverId, ctx.user.id));
      const serverId = String(ctx.membership.serverId);
      void publishToUser(ctx, ctx.user.id, { kind: "muted", serverId, muted: input.muted });
      return { serverId, muted: input.muted };
    }),

  /**
   * Chooses which of the server's messages notify you (push, and the preview of `user.onEvent`):
   * all of them, mentions and replies (the default), or none. A channel's own choice wins.
   */
  setNotify: serverProcedure("server.read", setServerNotifyInput)
    .meta(rest("PUT", "/servers/{serverId}/notify", { summary: "Choose which messages of a server notify you", errors: [400, 404] }))
    .output(serverNotifyOutput)
    .mutation(async ({ ctx, input }) => {
      await ctx.db.update(serverMembers).set({ notify: input.level }).where(membershipOf(ctx.membership.serverId, ctx.user.id));
      const serverId = String(ctx.membership.serverId);
      void publishToUser(ctx, ctx.user.id, { kind: "notify", serverId, channelId: null, level: input.level });
      return { serverId, level: input.level };
    }),

  get: serverProcedure("server.read", serverIdInput)
    .meta(rest("GET", "/servers/{serverId}", { summary: "A server you are a member of", errors: [400, 404] }))
    .output(serverWithRoleOutput)
    .query(async ({ ctx }) => ({
      ...toServer(await getServer(ctx.db, ctx.membership.serverId), ctx.membership),
      role: ctx.membership.role,
      permissions: permissionsToString(ctx.membership.permissions),
      rank: ctx.membership.rank,
    })),

  update: serverProcedure("server.update", updateServerInput)
    .meta(rest("PUT", "/servers/{serverId}", { summary: "Rename a server", errors: [400, 403, 404] }))
    .output(serverOutput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const before = await lockServer(tx, ctx.membership.serverId, "update");
        const [server] = await tx.update(servers).set({ name: input.name }).where(eq(servers.id, before.id)).returning();
        const details = changes(before, server!, ["name"]);
        await recordAudit(tx, { ...auditBy(ctx), action: "server.rename", target: { id: before.id, name: input.name }, details });
        return toServer(server!, ctx.membership);
      }),
    ),

  /** Removes the server's icon (PUT /api/servers/{serverId}/icon sets one); needs MANAGE_SERVER. */
  removeIcon: authedProcedure
    .meta(rest("DELETE", "/servers/{serverId}/icon", { summary: "Remove a server's icon", errors: [400, 403, 404] }))
    .input(serverIdInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await removeServerIcon(ctx, BigInt(input.serverId));
      return { ok: true as const };
    }),

  delete: serverProcedure("server.delete", serverIdInput)
    .meta(rest("DELETE", "/servers/{serverId}", { summary: "Delete a server (owner only)", errors: [400, 403, 404] }))
    .output(okOutput)
    .mutation(async ({ ctx }) => {
      const serverId = ctx.membership.serverId;
      // Read first: the deletion leaves the files' rows without a channel. An upload started in between is swept.
      const serverChannels = ctx.db.select({ id: channels.id }).from(channels).where(eq(channels.serverId, serverId));
      const files = await filesOf(ctx.db, inArray(attachments.channelId, serverChannels));
      // A link preview fetched in between keeps its image: nothing finds it afterwards, as an upload's file before the sweep.
      files.previewImages = await embedImagesOf(ctx.db, inArray(messages.channelId, serverChannels));
      const emojiKeys = await emojiKeysOf(ctx.db, serverId);
      await ctx.db.delete(servers).where(eq(servers.id, serverId));
      await removeFiles({ db: ctx.db, storage: ctx.storage, log: ctx.log }, files);
      // No sweep finds an emoji's file once its row is gone: a failure here leaves it, said in the log.
      await ctx.storage?.delete(emojiKeys).catch((err: unknown) => ctx.log.warn({ err, serverId: String(serverId) }, "deleting the emoji files of a server failed"));
      await signalAccessChange(ctx, topics.server(ctx.membership.serverId));
      void publishActivity(ctx, { type: "serverDeleted", serverId: String(ctx.membership.serverId) });
      return { ok: true as const };
    }),

  regenerateInvite: serverProcedure("server.regenerateInvite", serverIdInput)
    .output(serverWithInviteCodeOutput)
    .mutation(({ ctx }) =>
      withFreshCode("servers_invite_code_key", (inviteCode) =>
        ctx.db.transaction(async (tx) => {
          const [server] = await tx
            .update(servers)
            .set({ inviteCode })
            .where(eq(servers.id, ctx.membership.serverId))
            .returning();
          if (!server) throw fail.notFound("Server");
          await recordAudit(tx, { ...auditBy(ctx), action: "server.regenerate_invite", target: { id: inviteCode } });
          return { ...toServer(server, ctx.membership), inviteCode };
        }),
      ),
    ),

  /**
   * Joins by the server's standing code or an invite (see invite.create). Joining twice is
   * harmless: the caller keeps their membership and role, and uses no invite.
   */
  join: authedProcedure
    .meta(
      rest("POST", "/servers/join", {
        summary: "Join a server by an invite code",
        description:
          "404 for an unknown code, and for an expired, used-up or revoked invite (the message says which); " +
          "403 when you are banned from the server.",
        errors: [400, 403, 404],
      }),
    )
    .input(joinServerInput)
    .output(serverOutput)
    .mutation(async ({ ctx, input }) => {
      const { server, joined } = await joinByCode(ctx.db, input.inviteCode, ctx.user.id);
      if (joined) {
        await signalAccessChange(ctx, topics.server(server.id)); // presence subscribers pick up the new member
        void publishToUser(ctx, ctx.user.id, { kind: "membership", action: "joined", serverId: String(server.id), serverName: server.name });
      }
      return toServer(server, await loadMembership(ctx.db, server.id, ctx.user.id));
    }),

  leave: serverProcedure("server.leave", serverIdInput)
    .meta(rest("DELETE", "/servers/{serverId}/leave", { summary: "Leave a server (not as its owner)", errors: [400, 404] }))
    .output(okOutput)
    .mutation(async ({ ctx }) => {
      await ctx.db.transaction((tx) => deleteMembership(tx, ctx.membership.serverId, ctx.user.id));
      await signalAccessChange(ctx, topics.server(ctx.membership.serverId));
      void publishToUser(ctx, ctx.user.id, { kind: "membership", action: "left", serverId: String(ctx.membership.serverId), serverName: null });
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;
