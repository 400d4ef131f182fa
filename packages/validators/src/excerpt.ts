import { limits } from "./limits";

/**
 * The quote a reply shows of its parent: the first non-blank line, cut to `limits.replyExcerpt.max`
 * characters (whole code points). Shared, so that the app shows an unsent reply as the API will.
 */
export function excerptOf(content: string): string {
  const line = content.split("\n").find((text) => text.trim().length > 0)?.trim() ?? "";
  const chars = [...line];
  return chars.length > limits.replyExcerpt.max ? `${chars.slice(0, limits.replyExcerpt.max - 1).join("")}…` : line;
}
