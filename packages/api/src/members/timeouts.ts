import { serverMembers } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { limits, removeTimeoutInput, timeoutInput } from "@chat/validators";

import { recordAudit } from "../audit/record";
import { rest } from "../core/rest";
import { memberProcedure } from "../core/trpc";
import { announceMember } from "./announce";
import { memberOutput, toMember } from "./dto";
import { findMember } from "./member-row";
import { membershipOf } from "./membership";

const route = "/servers/{serverId}/members/{userId}/timeout";

/** The end of a timeout asked for by duration or by time: ahead of now, and at most 28 days away. */
function timeoutEnd(input: { durationSeconds?: number; until?: string }, now: Date): Date {
  const until = input.until === undefined ? new Date(now.getTime() + input.durationSeconds! * 1000) : new Date(input.until);
  if (until <= now) throw fail.badRequest("A timeout must end in the future");
  if (until.getTime() > now.getTime() + limits.timeoutSeconds.max * 1000) throw fail.badRequest("A timeout lasts at most 28 days");
  return until;
}

/**
 * member.timeout: until then the member can read but not send, edit, react or type (the permission
 * table's `timeoutRefusal`). As bans: owners time out anyone else, admins only members. A new
 * timeout replaces the current one.
 */
export const timeout = memberProcedure("member.timeout", timeoutInput)
  .meta(
    rest("PUT", route, {
      summary: "Time out a member",
      description: "For `durationSeconds`, or `until` a time; at most 28 days. They keep reading but cannot send, react or type.",
      errors: [400, 403, 404],
    }),
  )
  .output(memberOutput)
  .mutation(async ({ ctx, input }) => {
    const serverId = ctx.membership.serverId;
    const now = new Date();
    const until = timeoutEnd(input, now);
    const member = await ctx.db.transaction(async (tx) => {
      const target = await findMember(tx, serverId, ctx.target.userId);
      await tx.update(serverMembers).set({ timedOutUntil: until }).where(membershipOf(serverId, target.userId));
      const details = { until: until.toISOString(), reason: input.reason ?? "" };
      await recordAudit(tx, { serverId, actorId: ctx.user.id, action: "member.timeout", target: { id: target.userId, name: target.username }, details });
      return toMember({ ...target, timedOutUntil: until }, now);
    });
    return announceMember(ctx, serverId, member);
  });

/** member.removeTimeout: lifts a timeout early (audited); a member who is not timed out is left as is. */
export const removeTimeout = memberProcedure("member.timeout", removeTimeoutInput)
  .meta(rest("DELETE", route, { summary: "Lift a member's timeout early", errors: [400, 403, 404] }))
  .output(memberOutput)
  .mutation(async ({ ctx }) => {
    const serverId = ctx.membership.serverId;
    const now = new Date();
    const { member, changed } = await ctx.db.transaction(async (tx) => {
      const target = await findMember(tx, serverId, ctx.target.userId);
      const current = toMember(target, now);
      if (current.timedOutUntil === null) return { member: current, changed: false };
      await tx.update(serverMembers).set({ timedOutUntil: null }).where(membershipOf(serverId, target.userId));
      const details = { until: current.timedOutUntil.toISOString() };
      await recordAudit(tx, { serverId, actorId: ctx.user.id, action: "member.remove_timeout", target: { id: target.userId, name: target.username }, details });
      return { member: { ...current, timedOutUntil: null }, changed: true };
    });
    return changed ? announceMember(ctx, serverId, member) : member;
  });
