import { type Summary, now, round, summarise } from "./stats";

export interface RampStep {
  /** Sends per second asked for, and achieved (completed within the step and its drain). */
  rate: number;
  achieved: number;
  latency: Summary;
  failures: number;
  firstError?: string;
}

export interface RampOptions {
  rates: number[];
  stepMs: number;
  /** Sends one message; resolves with its latency in ms (the product: to the last delivery; the baseline: to the response). */
  fire: () => Promise<number>;
  /** Stops after the first step whose p99 passes this. */
  limitMs: number;
  onStep?: (step: RampStep) => void;
}

/**
 * Open-loop load: each step sends at a fixed rate for `stepMs`, whatever the server's pace (a
 * closed loop would slow down with the server and hide the queueing), then waits for the
 * stragglers. The sustained rate is the highest step whose p99 stayed within the limit.
 */
export async function ramp(options: RampOptions): Promise<{ steps: RampStep[]; sustained: number }> {
  const steps: RampStep[] = [];
  let sustained = 0;
  for (const rate of options.rates) {
    const inFlight: Array<Promise<number | Error>> = [];
    const started = now();
    let sent = 0;
    while (now() - started < options.stepMs) {
      const due = Math.floor(((now() - started) * rate) / 1000);
      while (sent < due) {
        inFlight.push(options.fire().catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
        sent += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const results = await Promise.all(inFlight);
    const elapsed = now() - started;
    const latencies = results.filter((r): r is number => typeof r === "number");
    const errors = results.filter((r): r is Error => r instanceof Error);
    const step: RampStep = {
      rate,
      achieved: round((latencies.length * 1000) / elapsed, 1),
      latency: summarise(latencies),
      failures: errors.length,
      firstError: errors[0]?.message,
    };
    steps.push(step);
    options.onStep?.(step);
    if (step.failures > 0 || !(step.latency.p99 <= options.limitMs)) break;
    sustained = rate;
  }
  return { steps, sustained };
}
