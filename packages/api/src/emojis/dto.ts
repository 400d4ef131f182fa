import type { ServerEmoji } from "@chat/db";
import { z } from "zod";

import { id } from "../core/dto";

export const emojiOutput = z
  .object({
    id,
    name: z.string().meta({ description: "2–32 letters, digits and '_'; messages write it `<:name:id>` (`<a:name:id>` animated)" }),
    animated: z.boolean().meta({ description: "An animated GIF or WebP" }),
    url: z.string().meta({ description: "Same origin, for any signed-in user; its bytes never change (cache it)" }),
  })
  .meta({ id: "Emoji", description: "A server's custom emoji" });

export type EmojiDto = z.infer<typeof emojiOutput>;

export const emojiUrl = (emojiId: string) => `/api/emojis/${emojiId}`;

export function toEmojiDto(row: Pick<ServerEmoji, "id" | "name" | "animated">): EmojiDto {
  const emojiId = String(row.id);
  return { id: emojiId, name: row.name, animated: row.animated, url: emojiUrl(emojiId) };
}
