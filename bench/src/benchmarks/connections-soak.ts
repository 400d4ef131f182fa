import type { ClientPool } from "../lib/clients";
import type { BenchResult } from "../lib/report";
import { progress } from "../lib/report";
import type { RunningProcess } from "../lib/servers";
import { round } from "../lib/stats";
import { type Weighing, weigh } from "./connections-weigh";

export interface SoakRound {
  round: number;
  connectMs: number;
  /** Heap with the round's connections open, and once they left (after a full GC). */
  heapOpen: number;
  heapAfter: number;
}

/** Growth of the heap past which the soak counts as leaking: from after the first round to after the last. */
const SOAK_GROWTH_LIMIT = 0.05;

/**
 * Rounds of `size` connections that connect, subscribe and all leave, on a server that already
 * served some: a leak grows the heap a little every round, where the one-shot weighing cannot
 * tell it from what the first connections warmed up (compiled code, caches). The first round is
 * that warm-up; the target compares the last with it.
 */
export async function soak(
  server: RunningProcess,
  pool: ClientPool,
  connect: (count: number) => Promise<{ failed: number; firstError?: string }>,
  options: { rounds: number; size: number },
): Promise<Pick<BenchResult, "rows" | "targets" | "notes"> & { rounds: SoakRound[]; heapBefore: number }> {
  const rounds: SoakRound[] = [];
  let first: Weighing | undefined;
  for (let round = 1; round <= options.rounds; round++) {
    progress(`soak round ${round} of ${options.rounds}: ${options.size} connect, subscribe and leave`);
    const weighing = await weigh(server, pool, () => connect(options.size));
    first ??= weighing;
    rounds.push({ round, connectMs: weighing.connectMs, heapOpen: weighing.open.heapUsed, heapAfter: weighing.after.heapUsed });
  }
  const heapBefore = first!.before.heapUsed;
  const mb = (bytes: number) => round(bytes / 2 ** 20, 1);
  const vs = (bytes: number, base: number) => `${round((100 * (bytes - base)) / base, 1)} %`;
  const last = rounds.at(-1)!;
  const growth = (last.heapAfter - rounds[0]!.heapAfter) / rounds[0]!.heapAfter;
  return {
    rounds,
    heapBefore,
    rows: rounds.map((r, index) => ({
      server: `soak round ${r.round}`,
      connections: options.size,
      "connect s": round(r.connectMs / 1000, 1),
      "heap/conn KB": round((r.heapOpen - (index === 0 ? heapBefore : rounds[index - 1]!.heapAfter)) / options.size / 1024, 1),
      "heap idle MB": mb(heapBefore),
      "heap after close MB": mb(r.heapAfter),
      "heap after close vs idle": vs(r.heapAfter, heapBefore),
    })),
    targets: [
      {
        target: `soak: heap after round ${options.rounds} within ${100 * SOAK_GROWTH_LIMIT} % of after round 1`,
        met: growth <= SOAK_GROWTH_LIMIT,
        detail: `${mb(last.heapAfter)} MB vs ${mb(rounds[0]!.heapAfter)} MB (${vs(last.heapAfter, rounds[0]!.heapAfter)})`,
      },
    ],
    notes: [
      `soak: ${options.rounds} rounds of ${options.size} connect/subscribe/leave; heap after each round vs before the soak: ${rounds.map((r) => vs(r.heapAfter, heapBefore)).join(", ")}`,
    ],
  };
}
