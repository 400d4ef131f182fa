import { z } from "zod";

import { limits } from "./limits";
import { parseCustomEmoji } from "./custom-emoji";
import { id, inviteCode, line } from "./primitives";

export { limits, id, inviteCode };

export const role = z.enum(["owner", "admin", "member"]);
export const assignableRole = z.enum(["admin", "member"]);
export type Role = z.infer<typeof role>;

export const username = z
  .string()
  .trim()
  .min(limits.username.min)
  .max(limits.username.max)
  .regex(/^[a-zA-Z0-9_.]+$/, "may contain only letters, digits, '_' and '.'");
export const email = z.string().trim().max(limits.email.max).pipe(z.email());
export const password = z.string().min(limits.password.min).max(limits.password.max);

export const serverName = line(limits.serverName.min, limits.serverName.max);
export const channelName = z
  .string()
  .trim()
  .toLowerCase()
  .min(limits.channelName.min)
  .max(limits.channelName.max)
  .regex(/^[\p{L}\p{N}_-]+$/u, "may contain only letters, digits, '-' and '_'");
export const channelTopic = line(0, limits.channelTopic.max);
/** Message text keeps newlines and tabs; other control characters are refused. */
export const messageContent = z
  .string()
  .min(limits.messageContent.min)
  .max(limits.messageContent.max)
  .refine((value) => value.trim().length > 0, "must not be blank")
  .refine((value) => !/[^\P{Cc}\t\n\r]/u.test(value), "must not contain control characters");

export const signupInput = z.object({ username, email, password });
export const loginInput = z.object({ email, password: z.string().min(1).max(limits.password.max) });

export const serverIdInput = z.object({ serverId: id });
export const createServerInput = z.object({ name: serverName });
export const updateServerInput = z.object({ serverId: id, name: serverName });
export const joinServerInput = z.object({ inviteCode });

export const listMembersInput = z.object({
  serverId: id,
  channelId: id.optional().meta({ description: "Only the members who can see this channel of the server (one you can see)" }),
});
export const updateRoleInput = z.object({ serverId: id, userId: id, role: assignableRole });
export const transferOwnershipInput = z.object({ serverId: id, userId: id });

export const channelIdInput = z.object({ channelId: id });
export const createChannelInput = z.object({
  serverId: id,
  name: channelName,
  topic: channelTopic.optional(),
  categoryId: id.optional().meta({ description: "The category it goes in, last; without one, last of the uncategorised" }),
});
export const updateChannelInput = z
  .object({ channelId: id, name: channelName.optional(), topic: channelTopic.optional() })
  .refine((value) => value.name !== undefined || value.topic !== undefined, "give a name or a topic to change");

export const sendMessageInput = z
  .object({
    channelId: id,
    content: z
      .union([z.literal(""), messageContent])
      .default("")
      .meta({ description: "May be empty when the message carries attachments" }),
    replyToId: id.optional().meta({ description: "A message in the same channel this one replies to" }),
    attachmentIds: z
      .array(id)
      .max(limits.attachmentsPerMessage.max)
      .optional()
      .meta({ description: "Uploads of the caller's in this channel (`attachment.createUpload`), not yet sent, their bytes stored" }),
  })
  .refine((value) => value.content !== "" || (value.attachmentIds?.length ?? 0) > 0, {
    message: "a message needs text or attachments",
    path: ["content"],
  });
export const createUploadInput = z.object({
  channelId: id,
  /** Cut and cleaned by the server (no path separators or control characters); the original may be longer. */
  filename: z.string().min(1).max(1024),
  size: z.coerce.number().int().min(1).meta({ description: "Bytes; the upload must store exactly this many" }),
  contentType: z
    .string()
    .max(255)
    .regex(/^[\w.+-]+\/[\w.+-]+$/, "a media type such as image/png")
    .meta({ description: "What the client believes; the server sniffs the real type from the bytes at the send" }),
});
export const listMessagesInput = z
  .object({
    channelId: id,
    before: id.optional(),
    after: id.optional(),
    limit: z.coerce.number().int().min(limits.messagePage.min).max(limits.messagePage.max).default(limits.messagePage.default),
  })
  .refine((value) => !(value.before && value.after), "give either before or after, not both");
export const messageIdInput = z.object({ messageId: id });
export const editMessageInput = z.object({ messageId: id, content: messageContent });
// Built from a string: TypeScript's ES2022 target does not know the `v` flag, which Node 20 and browsers do.
const singleEmoji = new RegExp("^\\p{RGI_Emoji}$", "v");
/** One emoji as Unicode recommends it (fully qualified, with any skin tone or sequence): 👍, 👍🏽, 🇫🇷, ❤️. */
export const emoji = z.string().max(64).regex(singleEmoji, "must be a single emoji");
/** What a reaction is: a Unicode emoji, or a custom one of the channel's server (`<:name:id>`, checked by the API). */
export const reactionEmoji = z
  .string()
  .max(64)
  .refine((value) => singleEmoji.test(value) || parseCustomEmoji(value) !== null, "must be a single emoji or a custom emoji <:name:id>");
/**
 * REST carries the emoji in the URL path, and its adapter passes path parameters on still
 * percent-encoded. An emoji never contains "%", so decoding is unambiguous for every transport.
 */
const pathSafeEmoji = z
  .string()
  .max(256)
  .transform((value) => (value.includes("%") ? safelyDecoded(value) : value))
  .pipe(reactionEmoji);
function safelyDecoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // malformed: the emoji check refuses it
  }
}
export const reactionInput = z.object({ messageId: id, emoji: pathSafeEmoji });
/** `lastEventId` is the id of the last event the client saw; tRPC's wsLink fills it in on reconnect. */
export const messageEventsInput = z.object({ channelId: id, lastEventId: z.string().regex(/^\d{1,19}$/).nullish() });
export * from "./categories";
export * from "./emojis";
export * from "./moderation";
export * from "./people";
export * from "./read-state";
export * from "./overwrites";
export * from "./roles";
export * from "./push";
