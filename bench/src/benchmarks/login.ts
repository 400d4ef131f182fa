import { fork } from "node:child_process";
import { once } from "node:events";
import path from "node:path";

import { sendMessage, trpcMutation, wsUrl } from "../lib/api";
import { ClientPool } from "../lib/clients";
import { type BenchConfig, inheritedEnvironment, sizeFlag } from "../lib/config";
import { createBenchDatabase } from "../lib/database";
import { type FanoutRun, runFanout } from "../lib/fanout-run";
import { type BenchResult, progress } from "../lib/report";
import { BENCH_PASSWORD, seedCommunity } from "../lib/seed";
import { startWeb } from "../lib/servers";
import { round, summarise } from "../lib/stats";

/** The single-hash loop, in a process of its own. */
async function hashLoop(durationMs: number): Promise<number[]> {
  const child = fork(path.join(import.meta.dirname, "../baselines/hash-loop.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { ...inheritedEnvironment(), BENCH_MS: String(durationMs) },
  });
  const [latencies] = (await once(child, "message")) as [number[]];
  return latencies;
}

/**
 * argon2id logins per second and their p99 through `auth.login` over HTTP, from a client
 * process, beside one hash after another in a loop; and the fan-out p99 (N subscribers) during
 * the login burst against a quiet run. Target: fan-out p99 during the burst ≤ 2 × quiet.
 */
export async function login(config: BenchConfig): Promise<BenchResult> {
  const n = sizeFlag(config, "n", { full: 100, smoke: 10 });
  const sends = sizeFlag(config, "sends", { full: 200, smoke: 10 });
  const durationMs = sizeFlag(config, "burst-ms", { full: 10_000, smoke: 2_000 });
  const concurrency = sizeFlag(config, "concurrency", { full: 16, smoke: 4 });

  const database = await createBenchDatabase(config, "login");
  const handle = await database.open();
  const community = await seedCommunity(handle.db, n + 1);
  await handle.close();
  const [sender, ...subscribers] = community.people;

  progress(`baseline: argon2id hashes in a loop for ${durationMs / 1000} s`);
  const hashes = summarise(await hashLoop(durationMs));

  const web = await startWeb(config, database.env);
  const subscriberPool = new ClientPool(1);
  const loginPool = new ClientPool(1);
  const send = (text: string) => sendMessage(web.url, sender!.token, community.channelId, text);
  try {
    await send("warm up the route");
    await trpcMutation(web.url, "auth.login", { email: sender!.email, password: BENCH_PASSWORD });
    const connected = await subscriberPool.connect("trpc", [wsUrl(web.url)], n, community.channelId, subscribers.map((p) => p.token));
    if (connected.failed > 0) throw new Error(`${connected.failed} subscriptions failed: ${connected.firstError}`);

    progress(`quiet fan-out: ${sends} sends to ${n} subscribers`);
    const quiet = await runFanout({ pool: subscriberPool, receivers: n, sends, warmup: 5, send });

    progress(`login burst: ${concurrency} callers for ${durationMs / 1000} s, fan-out measured meanwhile`);
    const emails = community.people.map((p) => p.email);
    const burst = loginPool.logins({ cmd: "logins", url: web.url, emails, password: BENCH_PASSWORD, durationMs, concurrency });
    await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, durationMs / 4))); // let the burst build up
    let during: FanoutRun | undefined;
    let rounds = 0;
    const deadline = Date.now() + durationMs * 0.7;
    // As many sends as fit in the burst (at least 10), so that none is measured in the quiet after it.
    while (Date.now() < deadline || rounds === 0) {
      const run = await runFanout({ pool: subscriberPool, receivers: n, sends: 10, warmup: 0, send });
      during = merge(during, run);
      rounds += 1;
    }
    const logins = await burst;
    if (logins.failures > 0) throw new Error(`${logins.failures} logins failed: ${logins.firstError}`);
    const loginLatency = summarise(logins.latencies);
    const loginsPerSecond = round((logins.latencies.length * 1000) / durationMs, 1);
    const hashesPerSecond = round(1000 / (hashes.p50 || 1), 1);
    const limit = round(2 * quiet.latency.p99);
    return {
      name: "login",
      rows: [
        { what: "logins over HTTP (auth.login)", "per second": loginsPerSecond, "p50 ms": loginLatency.p50, "p99 ms": loginLatency.p99, count: loginLatency.count },
        { what: "logins refused (429, hashing queue full)", count: logins.refused },
        { what: "one argon2id hash in a loop", "per second": hashesPerSecond, "p50 ms": hashes.p50, "p99 ms": hashes.p99, count: hashes.count },
        { what: "ratio (logins / hashes)", "per second": round(loginsPerSecond / hashesPerSecond) },
        { what: `fan-out to ${n}, quiet`, "p50 ms": quiet.latency.p50, "p99 ms": quiet.latency.p99, count: quiet.latency.count },
        { what: `fan-out to ${n}, during the burst`, "p50 ms": during!.latency.p50, "p99 ms": during!.latency.p99, count: during!.latency.count },
      ],
      targets: [
        { target: "fan-out p99 during the burst ≤ 2 × quiet", met: during!.latency.p99 <= limit, detail: `${during!.latency.p99} ms vs ${limit} ms` },
        { target: "nothing lost", met: quiet.lost + during!.lost === 0, detail: `${quiet.lost + during!.lost} lost`, integrity: true },
      ],
    };
  } finally {
    await Promise.all([subscriberPool.stop(), loginPool.stop()]);
    await web.stop();
    await database.drop();
  }
}

/** Two runs as one. */
function merge(a: FanoutRun | undefined, b: FanoutRun): FanoutRun {
  if (!a) return b;
  const samples = [...a.samples, ...b.samples];
  return {
    latency: summarise(samples),
    samples,
    expected: a.expected + b.expected,
    received: a.received + b.received,
    lost: a.lost + b.lost,
    outOfOrder: a.outOfOrder + b.outOfOrder,
    timedOut: a.timedOut + b.timedOut,
    dropped: a.dropped + b.dropped,
    lastClose: b.lastClose ?? a.lastClose,
  };
}
