import { channelNotifyLevel, notifyLevel } from "@chat/validators";
import { z } from "zod";

import { channelOutput } from "../channels/dto";
import { id, timestamp } from "../core/dto";
import { serverWithRoleOutput } from "../servers/dto";

/** The shapes of read state and mutes. */

const count = z.number().int().min(0).meta({ description: "Stops at 100: show 99+" });

export const readStateShape = {
  lastReadId: id.meta({ description: "The last message you read (before you first read the channel: where you joined)" }),
  unreadCount: count,
  mentionCount: count,
};

export const readStateOutput = z.object({ channelId: id, ...readStateShape }).meta({ id: "ReadState" });

export const channelWithReadStateOutput = channelOutput
  .extend({
    ...readStateShape,
    slowmodeEndsAt: timestamp.nullable().meta({ description: "When slowmode lets you send here again; null when you need not wait" }),
    notify: channelNotifyLevel.meta({ description: "Which of its messages notify you; `default` follows the server's `notify`" }),
  })
  .meta({ id: "ChannelWithReadState", description: "A channel with how much of it you have read" });

export const serverWithReadStateOutput = serverWithRoleOutput
  .extend({
    muted: z.boolean().meta({ description: "Muted by you: no notifications and no unread marks (mentions still count)" }),
    notify: notifyLevel.meta({
      description: "Which of its messages notify you: `all`, `mentions` (and replies to you) or `nothing`; a channel may override it",
    }),
    unreadCount: z.number().int().min(0).meta({ description: "The sum of its channels' unread counts" }),
    mentionCount: z.number().int().min(0).meta({ description: "The sum of its channels' mention counts" }),
  })
  .meta({ id: "ServerWithReadState" });

export const mutedOutput = z.object({ serverId: id, muted: z.boolean() }).meta({ id: "Muted" });

export const serverNotifyOutput = z.object({ serverId: id, level: notifyLevel }).meta({ id: "ServerNotifyLevel" });
export const channelNotifyOutput = z.object({ serverId: id, channelId: id, level: channelNotifyLevel }).meta({ id: "ChannelNotifyLevel" });

export type ReadStateDto = z.infer<typeof readStateOutput>;

export function toReadState(state: { channelId: bigint; lastReadId: string; unreadCount: number; mentionCount: number }): ReadStateDto {
  return { channelId: String(state.channelId), lastReadId: state.lastReadId, unreadCount: state.unreadCount, mentionCount: state.mentionCount };
}
