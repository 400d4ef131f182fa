import { type Channel, channels, getTableColumns } from "@chat/db";
import { z } from "zod";

import { id, timestamp } from "../core/dto";
import { isPrivate } from "../overwrites/in-channel";

export const channelOutput = z
  .object({
    id,
    serverId: id,
    name: z.string(),
    topic: z.string(),
    createdAt: timestamp,
    slowmodeSeconds: z.number().int().min(0).meta({ description: "Seconds a member waits between two messages (0: no slowmode)" }),
    categoryId: id.nullable().meta({ description: "Its category; null for the uncategorised channels, listed first" }),
    position: z.number().int().min(0).meta({ description: "Its place in its category (or among the uncategorised), from 0" }),
    private: z.boolean().meta({ description: "@everyone is denied View Channel here (by its own overwrites, or its category's when synced)" }),
  })
  .meta({ id: "Channel" });

export type ChannelDto = z.infer<typeof channelOutput>;

/** A channel row with whether it is private: select or return `channelColumns` for `toChannel`. */
export type ChannelRow = Channel & { private: boolean };
/** A server's channel row (not a DM's or group's): it has a server. */
export type ServerChannelRow = ChannelRow & { serverId: bigint };
export const channelColumns = { ...getTableColumns(channels), private: isPrivate };

export function toChannel(channel: ChannelRow): ChannelDto {
  return {
    id: String(channel.id),
    serverId: String(channel.serverId),
    name: channel.name,
    topic: channel.topic,
    createdAt: channel.createdAt,
    slowmodeSeconds: channel.slowmodeSeconds,
    categoryId: channel.categoryId === null ? null : String(channel.categoryId),
    position: channel.position,
    private: channel.private,
  };
}
