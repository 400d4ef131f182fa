import type { Channel, Server, User } from "@chat/db";
import type { Role } from "@chat/validators";

/** The shapes clients see. Ids travel as strings: snowflakes do not fit in a JSON number. */

export function toUser(user: Pick<User, "id" | "username" | "createdAt">) {
  return { id: String(user.id), username: user.username, createdAt: user.createdAt };
}

export function toSelf(user: Pick<User, "id" | "username" | "email" | "createdAt">) {
  return { ...toUser(user), email: user.email };
}

export function toServer(server: Server) {
  return {
    id: String(server.id),
    name: server.name,
    ownerId: String(server.ownerId),
    inviteCode: server.inviteCode,
    createdAt: server.createdAt,
  };
}

export function toChannel(channel: Channel) {
  return {
    id: String(channel.id),
    serverId: String(channel.serverId),
    name: channel.name,
    topic: channel.topic,
    createdAt: channel.createdAt,
  };
}

export function toMember(member: { userId: bigint; username: string; role: Role; joinedAt: Date }) {
  return { userId: String(member.userId), username: member.username, role: member.role, joinedAt: member.joinedAt };
}

export interface MessageRow {
  id: bigint;
  channelId: bigint;
  authorId: bigint | null;
  authorName: string | null;
  content: string;
  createdAt: Date;
  editedAt: Date | null;
}

export function toMessage(row: MessageRow) {
  return {
    id: String(row.id),
    channelId: String(row.channelId),
    author: row.authorId === null ? null : { id: String(row.authorId), username: row.authorName ?? "" },
    content: row.content,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
  };
}

export type UserDto = ReturnType<typeof toUser>;
export type ServerDto = ReturnType<typeof toServer>;
export type ChannelDto = ReturnType<typeof toChannel>;
export type MemberDto = ReturnType<typeof toMember>;
export type MessageDto = ReturnType<typeof toMessage>;
