import type { Channel } from "@chat/db";
import { z } from "zod";

import { id, timestamp } from "../core/dto";

export const channelOutput = z
  .object({
    id,
    serverId: id,
    name: z.string(),
    topic: z.string(),
    createdAt: timestamp,
    slowmodeSeconds: z.number().int().min(0).meta({ description: "Seconds a member waits between two messages (0: no slowmode)" }),
  })
  .meta({ id: "Channel" });

export type ChannelDto = z.infer<typeof channelOutput>;

export function toChannel(channel: Channel): ChannelDto {
  return {
    id: String(channel.id),
    serverId: String(channel.serverId),
    name: channel.name,
    topic: channel.topic,
    createdAt: channel.createdAt,
    slowmodeSeconds: channel.slowmodeSeconds,
  };
}
