import type { Channel, Server, User } from "@chat/db";
import { type Actor, isAllowed } from "@chat/policy/permissions";
import { role } from "@chat/validators";
import { z } from "zod";

/**
 * The shapes clients see: a zod schema per shape (the procedures' `.output()`, and the OpenAPI
 * components) and the mapper that builds it, typed by the schema so the two cannot drift.
 * Ids travel as strings: snowflakes do not fit in a JSON number. Times are Dates for tRPC
 * (superjson) and ISO 8601 strings in JSON, which is what the documents say.
 */

const id = z.string().meta({ description: "A snowflake id, as a decimal string", example: "73400320000131072" });
const timestamp = z.date().meta({ format: "date-time", description: "An ISO 8601 time", example: "2026-01-01T12:00:00.000Z" });

export const selfOutput = z
  .object({ id, username: z.string(), email: z.string(), createdAt: timestamp })
  .meta({ id: "User", description: "The signed-in user: others never see an email" });
export const sessionOutput = z
  .object({ token: z.string().meta({ description: "A bearer token for the Authorization header" }), user: selfOutput })
  .meta({ id: "Session" });

const standingCode = z.string().meta({ description: "The server's standing invite code" });
const serverShape = {
  id,
  name: z.string(),
  ownerId: id,
  inviteCode: standingCode.nullable().meta({ description: "The server's standing invite code; null unless you may manage invites (owners and admins)" }),
  createdAt: timestamp,
};
export const serverOutput = z.object(serverShape).meta({ id: "Server" });
/** What creating a server or replacing its code answers: the one who did it is handed the code. */
export const serverWithInviteCodeOutput = z.object({ ...serverShape, inviteCode: standingCode }).meta({ id: "ServerWithInviteCode" });
export const serverWithRoleOutput = z
  .object({ ...serverShape, role: role.meta({ description: "The caller's role in this server" }) })
  .meta({ id: "ServerWithRole" });

export const channelOutput = z
  .object({ id, serverId: id, name: z.string(), topic: z.string(), createdAt: timestamp })
  .meta({ id: "Channel" });

export const memberOutput = z
  .object({ userId: id, username: z.string(), role, joinedAt: timestamp })
  .meta({ id: "Member" });

const authorOutput = z.object({ id, username: z.string() });

export const replyQuoteOutput = z
  .object({
    id,
    deleted: z.boolean().meta({ description: 'The parent is gone: show "original message deleted"' }),
    author: authorOutput.nullable().meta({ description: "null when the parent or its author's account is deleted" }),
    excerpt: z.string().meta({ description: "The parent's first line, cut short; empty when deleted" }),
  })
  .meta({ id: "ReplyQuote", description: "A compact quote of the message replied to" });

export const reactionOutput = z
  .object({
    emoji: z.string(),
    count: z.number().int().positive(),
    me: z.boolean().meta({ description: "Whether the caller is among those who reacted" }),
  })
  .meta({ id: "Reaction" });

const messageShape = {
  id,
  channelId: id,
  author: authorOutput.nullable().meta({ description: "null once the author's account is deleted" }),
  content: z.string(),
  createdAt: timestamp,
  editedAt: timestamp.nullable(),
  replyTo: replyQuoteOutput.nullable(),
  mentionIds: z.array(id).meta({ description: "The members an @username in the text resolved to" }),
  mentionsEveryone: z.boolean().meta({ description: "@everyone by an owner or admin: it mentions every member" }),
};

/** A message as live events carry it: one snapshot for every viewer, so without the per-viewer reactions. */
export const messageSnapshotOutput = z.object(messageShape).meta({ id: "MessageSnapshot" });

export const messageOutput = z
  .object({
    ...messageShape,
    reactions: z.array(reactionOutput).meta({ description: "One entry per emoji, in the order first used" }),
  })
  .meta({ id: "Message" });

export const messagePageOutput = z
  .object({
    items: z.array(messageOutput).meta({ description: "Newest first" }),
    nextCursor: id.nullable().meta({ description: "Pass as `before` (or `after`, when paging forward) for the next page" }),
  })
  .meta({ id: "MessagePage" });

export const okOutput = z.object({ ok: z.literal(true) }).meta({ id: "Ok" });

export type SelfDto = z.infer<typeof selfOutput>;
export type ServerDto = z.infer<typeof serverOutput>;
export type ChannelDto = z.infer<typeof channelOutput>;
export type MemberDto = z.infer<typeof memberOutput>;
export type MessageDto = z.infer<typeof messageOutput>;
export type MessageSnapshotDto = z.infer<typeof messageSnapshotOutput>;
export type ReplyQuoteDto = z.infer<typeof replyQuoteOutput>;
export type ReactionDto = z.infer<typeof reactionOutput>;

export type UserDto = Omit<SelfDto, "email">;

export function toUser(user: Pick<User, "id" | "username" | "createdAt">): UserDto {
  return { id: String(user.id), username: user.username, createdAt: user.createdAt };
}

export function toSelf(user: Pick<User, "id" | "username" | "email" | "createdAt">): SelfDto {
  return { ...toUser(user), email: user.email };
}

/**
 * The server as `viewer` sees it. The standing code lets anyone join, never runs out and only
 * those who manage invites can replace it: others get null (members invite with invites of their own).
 */
export function toServer(server: Server, viewer: Actor): ServerDto {
  return {
    id: String(server.id),
    name: server.name,
    ownerId: String(server.ownerId),
    inviteCode: isAllowed("invite.manage", viewer) ? server.inviteCode : null,
    createdAt: server.createdAt,
  };
}

export function toChannel(channel: Channel): ChannelDto {
  return {
    id: String(channel.id),
    serverId: String(channel.serverId),
    name: channel.name,
    topic: channel.topic,
    createdAt: channel.createdAt,
  };
}

export function toMember(member: { userId: bigint; username: string; role: MemberDto["role"]; joinedAt: Date }): MemberDto {
  return { userId: String(member.userId), username: member.username, role: member.role, joinedAt: member.joinedAt };
}

/** A `messages` row with its author's name: what the message queries select. */
export interface MessageRow {
  id: bigint;
  channelId: bigint;
  authorId: bigint | null;
  authorName: string | null;
  content: string;
  createdAt: Date;
  editedAt: Date | null;
  replyToId: bigint | null;
  mentionsEveryone: boolean;
}

/** What a row alone does not say: the quote of its parent and who it mentions (see lib/message-details.ts). */
export interface MessageRelations {
  replyTo: ReplyQuoteDto | null;
  mentionIds: string[];
}

export function toMessageSnapshot(row: MessageRow, relations: MessageRelations): MessageSnapshotDto {
  return {
    id: String(row.id),
    channelId: String(row.channelId),
    author: row.authorId === null ? null : { id: String(row.authorId), username: row.authorName ?? "" },
    content: row.content,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    replyTo: relations.replyTo,
    mentionIds: relations.mentionIds,
    mentionsEveryone: row.mentionsEveryone,
  };
}
