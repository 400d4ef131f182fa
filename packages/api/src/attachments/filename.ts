import { limits } from "@chat/validators";

const MAX = limits.attachmentFilename.max;

/**
 * A file name safe to store and to send back in a URL and a Content-Disposition: path separators
 * and control characters become "_", surrounding spaces and dots go (no "..", no hidden files),
 * and a name past the limit is cut before its extension, which is kept.
 */
export function sanitizeFilename(name: string): string {
  const cleaned = name
    .normalize("NFC")
    .replace(/[/\\\p{Cc}\p{Cf}]/gu, "_")
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, "");
  const safe = cleaned === "" ? "file" : cleaned;
  const chars = [...safe];
  if (chars.length <= MAX) return safe;
  const dot = safe.lastIndexOf(".");
  const extension = dot > 0 && safe.length - dot <= 16 ? [...safe.slice(dot)] : [];
  return [...chars.slice(0, MAX - extension.length), ...extension].join("");
}
