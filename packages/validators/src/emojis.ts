import { z } from "zod";

import { limits } from "./limits";
import { id } from "./primitives";

/** A custom emoji's name, as Discord's: 2–32 letters, digits and underscores (unique in its server whatever the case). */
export const emojiName = z
  .string()
  .min(limits.emojiName.min)
  .max(limits.emojiName.max)
  .regex(/^[A-Za-z0-9_]+$/, "may contain only letters, digits and '_'");

export const createEmojiInput = z.object({ serverId: id, name: emojiName });
export const emojiIdInput = z.object({ serverId: id, emojiId: id });
export const renameEmojiInput = z.object({ serverId: id, emojiId: id, name: emojiName });

export { type CustomEmojiRef, customEmojiPattern, formatCustomEmoji, parseCustomEmoji } from "./custom-emoji";
