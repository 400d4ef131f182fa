import { fail } from "@chat/policy/errors";
import type { Action } from "@chat/policy/permissions";
import type { z } from "zod";

import { channelProcedure } from "../core/trpc";

/** A procedure on a DM or group the caller is in; a server's channel or a conversation they are not in is NOT_FOUND. */
export function conversationProcedure<Input extends z.ZodType<{ channelId: string }>>(action: Action, input: Input) {
  return channelProcedure(action, input).use(({ ctx, next }) => {
    if (ctx.channel.serverId !== null) throw fail.notFound("Conversation");
    return next();
  });
}

/** A procedure on a group the caller is in; a DM, a server's channel or a group they are not in is NOT_FOUND. */
export function groupProcedure<Input extends z.ZodType<{ channelId: string }>>(input: Input) {
  return channelProcedure("group.update", input).use(({ ctx, next }) => {
    if (ctx.channel.kind !== "group") throw fail.notFound("Group");
    return next();
  });
}
