/** What the bench process and its client processes say to each other over IPC. */

export type ConnectionKind = "trpc" | "bare";

export type Command =
  | {
      cmd: "connect";
      kind: ConnectionKind;
      /** A WebSocket URL per connection (round robin), e.g. two instances. */
      urls: string[];
      /** tRPC: one session token per connection; bare: none. */
      tokens: string[];
      count: number;
      channelId: string;
      concurrency: number;
    }
  | { cmd: "totals" }
  | { cmd: "sample" }
  | { cmd: "close" }
  | { cmd: "logins"; url: string; emails: string[]; password: string; durationMs: number; concurrency: number };

export type Reply =
  | { kind: "connected"; open: number; failed: number; firstError?: string }
  /** While connecting: this process has `open` connections so far. */
  | { kind: "progress"; open: number }
  /** Every connection of this process has received the message with this marker; `at` is the last arrival. */
  | { kind: "delivered"; marker: number; at: number }
  | { kind: "totals"; received: number; outOfOrder: number; closed: number; lastClose?: string }
  | { kind: "sample"; frame: string | null }
  | { kind: "closed" }
  | { kind: "logins"; latencies: number[]; refused: number; failures: number; firstError?: string };

/** Messages the benchmarks send carry this text, so that every client can tell which one arrived. */
export const markerText = (marker: number) => `bench ${marker} ${"x".repeat(40)}`;
export const markerPattern = /"content":"bench (\d+) /;
