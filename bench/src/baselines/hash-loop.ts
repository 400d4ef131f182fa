/** The login baseline: one argon2id hash after another (the product's settings) for BENCH_MS; sends the latencies over IPC. */
import { hashPassword } from "@chat/auth";

import { baselineEnv } from "./port";

const until = Date.now() + Number(baselineEnv.BENCH_MS ?? 3_000);
const latencies: number[] = [];
while (Date.now() < until) {
  const started = performance.now();
  await hashPassword("correct horse battery staple");
  latencies.push(performance.now() - started);
}
process.send?.(latencies, () => process.exit(0));
