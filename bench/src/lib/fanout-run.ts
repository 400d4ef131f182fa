import { markerText } from "../clients/protocol";
import type { ClientPool } from "./clients";
import { type Summary, now, summarise } from "./stats";

let nextMarker = 0;

export interface FanoutRun {
  latency: Summary;
  /** Every measured latency, ms. */
  samples: number[];
  /** Deliveries expected, made, and missing (sends × receivers − arrivals). */
  expected: number;
  received: number;
  lost: number;
  outOfOrder: number;
  /** Sends whose deliveries did not all arrive within the timeout. */
  timedOut: number;
  /** Connections the server closed during the run, and the code and reason of one. */
  dropped: number;
  lastClose?: string;
}

export interface FanoutOptions {
  pool: ClientPool;
  receivers: number;
  sends: number;
  /** Sends before the measured ones (JIT, connection pools); counted for loss, not for latency. */
  warmup: number;
  /** Sends the message whose content is `text`. */
  send: (text: string) => Promise<unknown>;
  timeoutMs?: number;
  onProgress?: (done: number) => void;
}

/**
 * Sends one message at a time and times it from the start of the send to its arrival at the
 * last receiver (reported by the client processes), so that each figure is one message's fan-out.
 */
export async function runFanout(options: FanoutOptions): Promise<FanoutRun> {
  const before = await options.pool.totals();
  const latencies: number[] = [];
  let timedOut = 0;
  const total = options.warmup + options.sends;
  for (let i = 0; i < total; i++) {
    const marker = nextMarker++;
    const delivered = options.pool.waitDelivered(marker, options.timeoutMs ?? 15_000);
    const started = now();
    await options.send(markerText(marker));
    const at = await delivered;
    if (at === null) timedOut += 1;
    else if (i >= options.warmup) latencies.push(at - started);
    if ((i + 1) % 50 === 0) options.onProgress?.(i + 1);
  }
  const after = await options.pool.totals();
  const expected = total * options.receivers;
  const received = after.received - before.received;
  return {
    latency: summarise(latencies),
    samples: latencies,
    expected,
    received,
    lost: expected - received,
    outOfOrder: after.outOfOrder - before.outOfOrder,
    timedOut,
    dropped: after.closed - before.closed,
    lastClose: after.lastClose,
  };
}

/** The bytes a bare server broadcasts for `text`: the product's frame with its marker swapped. */
export function frameFor(sample: string, text: string): string {
  return sample.replace(/"content":"bench \d+ x+"/, `"content":"${text}"`);
}
