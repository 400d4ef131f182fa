import { z } from "zod";

import { limits } from "./limits";
import { id, line } from "./primitives";

/** 0xRRGGBB as a number. */
const colour = z.number().int().min(0).max(0xff_ff_ff);

export const userIdInput = z.object({ userId: id });

/** Each field is optional; `null` clears the display name (the username shows) or the banner colour. */
export const updateProfileInput = z.object({
  displayName: line(limits.displayName.min, limits.displayName.max).nullable().optional(),
  /** Newlines are kept; other control characters are refused. */
  about: z
    .string()
    .max(limits.aboutMe.max)
    .refine((value) => !/[^\P{Cc}\n]/u.test(value), "must not contain control characters")
    .optional(),
  pronouns: line(0, limits.pronouns.max).optional(),
  bannerColour: colour.nullable().optional().meta({ description: "0xRRGGBB, or null for the default" }),
});

/** A friend request goes to an exact username (letters are compared without case). */
export const friendRequestInput = z.object({ username: z.string().trim().min(1).max(limits.username.max) });

/** A group's name: empty lists its people instead. */
const groupName = line(0, limits.groupName.max);

/** A group starts with you and up to nine friends. */
export const createGroupInput = z.object({
  userIds: z.array(id).min(1).max(limits.groupRecipients.max - 1),
  name: groupName.optional(),
});
export const groupRecipientInput = z.object({ channelId: id, userId: id });
export const renameGroupInput = z.object({ channelId: id, name: groupName });

/** Who may DM you: `allowServerDms` for everyone who shares a server with you (friends always may). */
export const updatePrivacyInput = z.object({ allowServerDms: z.boolean() });
/** One server's answer, overriding the account's for its members; null follows the account again. */
export const serverDmPrivacyInput = z.object({ serverId: id, allowDms: z.boolean().nullable() });
