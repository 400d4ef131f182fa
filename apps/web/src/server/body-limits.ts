/**
 * Request body caps, by entry: far above any valid request, far below a memory problem. The
 * largest input is a 4000-character message, at most 12 kB of JSON (3 bytes a UTF-16 unit; the
 * control characters that JSON escapes to 6 bytes are refused). test/unit/body-limits.test.ts
 * holds each cap above its largest valid body. Read with these caps by `readBoundedBody`.
 */
export const bodyLimits = {
  /** One call on /api/v1. */
  rest: 64 * 1024,
  /** A batch on /api/trpc: up to `limits.batchCalls` (50) calls of the largest input, with room to spare. */
  trpc: 1024 * 1024,
  /** Whatever Next.js reads itself: Server Actions (next.config.ts), and any other path (server.ts, first). */
  pages: 1024 * 1024,
};
