/**
 * How every client of ours keeps its WebSocket: pings when quiet (the server's own ping comes every
 * 4 s, realtimeLimits.pingMs), a dead connection noticed within seconds, and a lazy socket closed
 * 10 s after its last subscription. The browser (apps/web) and scripts and tests share these.
 */
export const socketSettings = {
  keepAlive: { enabled: true, intervalMs: 4_000, pongTimeoutMs: 3_000 },
  lazy: { enabled: true, closeMs: 10_000 },
} as const;
