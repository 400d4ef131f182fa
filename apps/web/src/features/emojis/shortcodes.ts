import { formatCustomEmoji } from "@chat/validators/custom-emoji";

/** `:name:` not already part of `<:name:id>` (nor of `<a:name:id>`). */
const shortcode = /(?<!<a?):([A-Za-z0-9_]{2,32}):(?!\d+>)/g;

/**
 * The text as sent: each `:name:` of one of the server's emoji (whatever the case) written
 * `<:name:id>`, as Discord's client does before sending; other `:words:` stay as typed, and code
 * (between backticks) is left alone.
 */
export function withCustomEmoji(content: string, emojis: ReadonlyArray<{ id: string; name: string; animated: boolean }>): string {
  if (emojis.length === 0 || !content.includes(":")) return content;
  const byName = new Map(emojis.map((emoji) => [emoji.name.toLowerCase(), emoji]));
  return content
    .split(/(```[\s\S]*?```|`[^`\n]*`)/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part.replace(shortcode, (typed, name: string) => {
            const emoji = byName.get(name.toLowerCase());
            return emoji ? formatCustomEmoji(emoji) : typed;
          }),
    )
    .join("");
}
