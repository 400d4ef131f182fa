import type { StoredEmbed } from "@chat/db";
import { z } from "zod";

import { attachmentOutput } from "../attachments/dto";
import type { AttachmentDto } from "../attachments/dto";
import { avatarUrl, id, person, timestamp } from "../core/dto";
import { avatarUrlOf } from "../images/urls";

/**
 * Who wrote a message (or the message a reply quotes), with the names a reader shows: the nickname
 * in the channel's server, else the display name, else the username.
 */
export const authorOutput = person
  .extend({
    displayName: z.string().nullable().meta({ description: "null: no display name, show the username" }),
    nickname: z.string().nullable().meta({ description: "Their nickname in the channel's server; null in a DM or group, or when they have none" }),
    avatarUrl,
  })
  .meta({ id: "Author" });

export type AuthorDto = z.infer<typeof authorOutput>;

/** An author's columns as the message queries select them (`authorColumns`, messages/author.ts). */
export interface AuthorRow {
  authorId: bigint | string | null;
  authorName: string | null;
  authorDisplayName: string | null;
  authorNickname: string | null;
  /** The author's avatar version (`users.avatar`); null: none. */
  authorAvatar: string | null;
}

export function toAuthor(row: AuthorRow): AuthorDto | null {
  if (row.authorId === null) return null;
  return {
    id: String(row.authorId),
    username: row.authorName ?? "",
    displayName: row.authorDisplayName,
    nickname: row.authorNickname,
    avatarUrl: avatarUrlOf(row.authorId, row.authorAvatar),
  };
}

/** The kinds of a group's system lines (a person's message has none). */
export const systemKinds = ["recipient_add", "recipient_remove", "name_change"] as const;
export type SystemKind = (typeof systemKinds)[number];

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

export const embedOutput = z
  .object({
    url: z.string().meta({ description: "The link as the message has it" }),
    title: z.string().nullable(),
    description: z.string().nullable(),
    siteName: z.string().nullable(),
    imageUrl: z.string().nullable().meta({
      description:
        "A copy of the page's image on this server (`/api/embeds/{messageId}/{imageId}`, same origin, authorized as attachments are), never the page's own URL",
    }),
    imageWidth: z.number().int().nullable().meta({ description: "Pixels; null when there is no image" }),
    imageHeight: z.number().int().nullable(),
  })
  .meta({ id: "Embed", description: "A link preview, read from the page's Open Graph or Twitter card after the send" });

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
  embeds: z.array(embedOutput).meta({ description: "Previews of the first links, in their order; they arrive after the send, with an `updated` event" }),
  attachments: z.array(attachmentOutput).meta({ description: "The files sent with it, in upload order; [] when none" }),
  kind: z.enum(systemKinds).optional().meta({
    description: "A group's system line (absent for a person's message): `content` is the user id added or removed, or the new name",
  }),
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

export type MessageDto = z.infer<typeof messageOutput>;
export type MessageSnapshotDto = z.infer<typeof messageSnapshotOutput>;
export type ReplyQuoteDto = z.infer<typeof replyQuoteOutput>;
export type ReactionDto = z.infer<typeof reactionOutput>;
export type EmbedDto = z.infer<typeof embedOutput>;

/** A `messages` row with its author's name: what the message queries select. */
export interface MessageRow extends AuthorRow {
  id: bigint;
  channelId: bigint;
  authorId: bigint | null;
  content: string;
  createdAt: Date;
  editedAt: Date | null;
  replyToId: bigint | null;
  mentionsEveryone: boolean;
  kind: SystemKind | "default";
  /** null: none; an empty array: the author removed them. */
  embeds: StoredEmbed[] | null;
}

/** What a row alone does not say: the quote of its parent, who it mentions, its files (see messages/details.ts). */
export interface MessageRelations {
  replyTo: ReplyQuoteDto | null;
  mentionIds: string[];
  attachments: AttachmentDto[];
}

export function toMessageSnapshot(row: MessageRow, relations: MessageRelations): MessageSnapshotDto {
  return {
    id: String(row.id),
    channelId: String(row.channelId),
    author: toAuthor(row),
    content: row.content,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    replyTo: relations.replyTo,
    mentionIds: relations.mentionIds,
    mentionsEveryone: row.mentionsEveryone,
    embeds: toEmbedDtos(row.id, row.embeds),
    attachments: relations.attachments,
    ...(row.kind !== "default" && { kind: row.kind }),
  };
}

/** Same origin, so readers load it from us and never from the page's site (GET /api/embeds/…, in apps/web). */
export function embedImageUrl(messageId: bigint | string, imageId: string): string {
  return `/api/embeds/${messageId}/${imageId}`;
}

/** A message's stored previews as clients get them: the image as our URL, never the page's. */
export function toEmbedDtos(messageId: bigint | string, embeds: readonly StoredEmbed[] | null): EmbedDto[] {
  return (embeds ?? []).map(({ url, title, description, siteName, image }) => ({
    url,
    title,
    description,
    siteName,
    imageUrl: image ? embedImageUrl(messageId, image.id) : null,
    imageWidth: image?.width ?? null,
    imageHeight: image?.height ?? null,
  }));
}

export const searchHitOutput = z
  .object({
    id,
    channelId: id,
    channelName: z.string(),
    author: authorOutput.nullable(),
    content: z.string(),
    createdAt: timestamp,
    editedAt: timestamp.nullable(),
    attachments: z.array(attachmentOutput).meta({ description: "The message's files; [] when none" }),
  })
  .meta({ id: "SearchHit" });

export const searchPageOutput = z
  .object({
    items: z.array(searchHitOutput).meta({ description: "Newest first" }),
    nextCursor: id.nullable().meta({ description: "Pass as `cursor` for older matches" }),
  })
  .meta({ id: "SearchPage" });
