import { serverMembers } from "@chat/db";
import { setNicknameInput } from "@chat/validators";

import { auditBy, recordAudit } from "../audit/record";
import { rest } from "../core/rest";
import { memberProcedure } from "../core/trpc";
import { announceMember } from "./announce";
import { memberOutput, toMember } from "./dto";
import { findMember } from "./member-row";
import { membershipOf } from "./membership";

/**
 * member.setNickname: a member's name in this server, shown instead of their display name (null
 * clears it). One's own needs CHANGE_NICKNAME; someone else's, MANAGE_NICKNAMES and that they
 * stand below (the permission table). Member lists follow live; messages carry the name from then on;
 * the audit log keeps the old and the new name.
 */
export const setNickname = memberProcedure("member.setNickname", setNicknameInput)
  .meta(
    rest("PUT", "/servers/{serverId}/members/{userId}/nickname", {
      summary: "Set or clear a member's nickname",
      description: "`nickname` null clears it. Your own needs CHANGE_NICKNAME; another's, MANAGE_NICKNAMES and a member below you.",
      errors: [400, 403, 404],
    }),
  )
  .output(memberOutput)
  .mutation(async ({ ctx, input }) => {
    const serverId = ctx.membership.serverId;
    const member = await ctx.db.transaction(async (tx) => {
      const target = await findMember(tx, serverId, ctx.target.userId);
      await tx.update(serverMembers).set({ nickname: input.nickname }).where(membershipOf(serverId, target.userId));
      const details = { from: target.nickname, to: input.nickname };
      await recordAudit(tx, { ...auditBy(ctx), action: "member.nickname", target: { id: target.userId, name: target.username }, details });
      return toMember({ ...target, nickname: input.nickname });
    });
    return announceMember(ctx, serverId, member);
  });
