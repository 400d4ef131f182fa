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
  })
  .meta({ id: "ChannelWithReadState", description: "A channel with how much of it you have read" });

export const serverWithReadStateOutput = serverWithRoleOutput
  .extend({
    muted: z.boolean().meta({ description: "Muted by you: no notifications and no unread marks (mentions still count)" }),
    unreadCount: z.number().int().min(0).meta({ description: "The sum of its channels' unread counts" }),
    mentionCount: z.number().int().min(0).meta({ description: "The sum of its channels' mention counts" }),
  })
  .meta({ id: "ServerWithReadState" });

export const mutedOutput = z.object({ serverId: id, muted: z.boolean() }).meta({ id: "Muted" });

export type ReadStateDto = z.infer<typeof readStateOutput>;

export function toReadState(state: { channelId: bigint; lastReadId: string; unreadCount: number; mentionCount: number }): ReadStateDto {
  return { channelId: String(state.channelId), lastReadId: state.lastReadId, unreadCount: state.unreadCount, mentionCount: state.mentionCount };
}
