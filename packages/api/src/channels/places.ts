/**
 * Whether a channel is a server's or a conversation (DM or group), as far as this process has
 * seen it. That never changes (a channel does not move between servers, and ids are never
 * reused), so the answer is kept: the statement that loads a channel's access then joins only
 * what that kind of channel needs (access.ts). Bounded; the oldest answers go first.
 */
export type ChannelPlace = "server" | "conversation";

const LIMIT = 100_000;
const places = new Map<bigint, ChannelPlace>();

/** Where the channel is, or "either" when this process has not loaded it yet. */
export function knownPlace(channelId: bigint): ChannelPlace | "either" {
  return places.get(channelId) ?? "either";
}

export function rememberPlace(channel: { id: bigint; serverId: bigint | null }): void {
  if (places.has(channel.id)) return;
  if (places.size >= LIMIT) places.delete(places.keys().next().value!);
  places.set(channel.id, channel.serverId === null ? "conversation" : "server");
}
