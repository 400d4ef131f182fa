/** Custom emoji as text: no zod here, so the web app's bundle can take it. */

/** `<:name:id>`, or `<a:name:id>` for an animated one: how messages and reactions write a custom emoji (Discord's syntax). */
export const customEmojiPattern = /<(a?):([A-Za-z0-9_]{2,32}):([1-9]\d{0,18})>/;
const wholeCustomEmoji = new RegExp(`^${customEmojiPattern.source}$`);

export interface CustomEmojiRef {
  animated: boolean;
  name: string;
  id: string;
}

/** The custom emoji `value` is exactly, or null (a Unicode emoji, or anything else). */
export function parseCustomEmoji(value: string): CustomEmojiRef | null {
  const match = wholeCustomEmoji.exec(value);
  return match ? { animated: match[1] === "a", name: match[2]!, id: match[3]! } : null;
}

/** How a message or reaction writes the emoji. */
export function formatCustomEmoji(emoji: CustomEmojiRef): string {
  return `<${emoji.animated ? "a" : ""}:${emoji.name}:${emoji.id}>`;
}
