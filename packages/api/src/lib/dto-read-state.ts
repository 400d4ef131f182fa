import { z } from "zod";

import { channelOutput, serverWithRoleOutput } from "./dto";

/**
 * The shapes of read state, mutes and search (issue 6), as dto.ts does it for the rest: a zod
 * schema per shape, used as `.output()` and as the OpenAPI component.
 */

const id = z.string().meta({ description: "A snowflake id, as a decimal string", example: "73400320000131072" });
const timestamp = z.date().meta({ format: "date-time", description: "An ISO 8601 time", example: "2026-01-01T12:00:00.000Z" });
const count = z.number().int().min(0).meta({ description: "Stops at 100: show 99+" });

const readStateShape = {
  lastReadId: id.meta({ description: "The last message you read (before you first read the channel: where you joined)" }),
  unreadCount: count,
  mentionCount: count,
};

export const readStateOutput = z.object({ channelId: id, ...readStateShape }).meta({ id: "ReadState" });

export const channelWithReadStateOutput = channelOutput
  .extend(readStateShape)
  .meta({ id: "ChannelWithReadState", description: "A channel with how much of it you have read" });

export const serverWithReadStateOutput = serverWithRoleOutput
  .extend({
    muted: z.boolean().meta({ description: "Muted by you: no notifications and no unread marks (mentions still count)" }),
    unreadCount: z.number().int().min(0).meta({ description: "The sum of its channels' unread counts" }),
    mentionCount: z.number().int().min(0).meta({ description: "The sum of its channels' mention counts" }),
  })
  .meta({ id: "ServerWithReadState" });

export const mutedOutput = z.object({ serverId: id, muted: z.boolean() }).meta({ id: "Muted" });

export const searchHitOutput = z
  .object({
    id,
    channelId: id,
    channelName: z.string(),
    author: z.object({ id, username: z.string() }).nullable(),
    content: z.string(),
    createdAt: timestamp,
    editedAt: timestamp.nullable(),
  })
  .meta({ id: "SearchHit" });

export const searchPageOutput = z
  .object({
    items: z.array(searchHitOutput).meta({ description: "Newest first" }),
    nextCursor: id.nullable().meta({ description: "Pass as `cursor` for older matches" }),
  })
  .meta({ id: "SearchPage" });

export type ReadStateDto = z.infer<typeof readStateOutput>;

export function toReadState(state: { channelId: bigint; lastReadId: string; unreadCount: number; mentionCount: number }): ReadStateDto {
  return { channelId: String(state.channelId), lastReadId: state.lastReadId, unreadCount: state.unreadCount, mentionCount: state.mentionCount };
}
