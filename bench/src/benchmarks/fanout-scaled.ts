import { randomBytes } from "node:crypto";

import { sendMessage, wsUrl } from "../lib/api";
import { ClientPool, processesFor } from "../lib/clients";
import { type BenchConfig, sizeFlag } from "../lib/config";
import { createBenchDatabase } from "../lib/database";
import { frameFor, runFanout } from "../lib/fanout-run";
import { type BenchResult, progress } from "../lib/report";
import { seedCommunity } from "../lib/seed";
import { startBaseline, startRealtime, startWeb } from "../lib/servers";
import { round } from "../lib/stats";

/**
 * Fan-out through two instances sharing PostgreSQL and Redis: sends go to the web process A,
 * half the subscribers are on A's /api/ws and half on apps/realtime B. Beside it two bare `ws`
 * servers where a broadcast takes one Redis PUBLISH. Target: p99 ≤ 1.5 × baseline.
 */
export async function fanoutScaled(config: BenchConfig): Promise<BenchResult> {
  if (config.mode !== "postgres+redis") {
    return { name: "fanout-scaled", rows: [{ result: "skipped: needs DATABASE_URL and REDIS_URL" }], targets: [] };
  }
  const n = sizeFlag(config, "n", { full: 1_000, smoke: 40 });
  const sends = sizeFlag(config, "sends", { full: 200, smoke: 10 });
  const warmup = sizeFlag(config, "warmup", { full: 20, smoke: 2 });
  const prefix = `bench:${randomBytes(4).toString("hex")}:`;

  const database = await createBenchDatabase(config, "fanout_scaled");
  progress(`seeding ${n + 1} accounts`);
  const handle = await database.open();
  const community = await seedCommunity(handle.db, n + 1);
  await handle.close();
  const [sender, ...subscribers] = community.people;

  progress("starting web A, realtime B and two bare ws servers on Redis");
  const [a, b] = await Promise.all([startWeb(config, database.env, prefix), startRealtime(config, database.env, prefix)]);
  const bareEnv = { REDIS_URL: config.redisUrl!, BENCH_TOPIC: `${prefix}bare` };
  const [bareA, bareB] = await Promise.all([startBaseline("bare-ws.ts", bareEnv), startBaseline("bare-ws.ts", bareEnv)]);
  const pool = new ClientPool(processesFor(n));
  const send = (text: string) => sendMessage(a.url, sender!.token, community.channelId, text);
  try {
    await send("warm up the route");
    progress(`connecting ${n} subscribers, half on A and half on B`);
    const connected = await pool.connect("trpc", [wsUrl(a.url), wsUrl(b.url)], n, community.channelId, subscribers.map((p) => p.token));
    if (connected.failed > 0) throw new Error(`${connected.failed} subscriptions failed: ${connected.firstError}`);
    progress(`${sends} sends to A`);
    const product = await runFanout({ pool, receivers: n, sends, warmup, send, onProgress: (done) => progress(`  ${done} sends`) });
    const sample = await pool.sample();
    await pool.closeConnections();
    if (!sample) throw new Error("no message frame arrived");

    progress("bare ws + Redis baseline");
    await pool.connect("bare", [wsUrl(bareA.url), wsUrl(bareB.url)], n, community.channelId);
    const broadcast = (text: string) => fetch(`${bareA.url}/broadcast`, { method: "POST", body: frameFor(sample, text) }).then((r) => r.text());
    const baseline = await runFanout({ pool, receivers: n, sends, warmup, send: broadcast });
    await pool.closeConnections();

    const limit = round(1.5 * baseline.latency.p99);
    return {
      name: "fanout-scaled",
      rows: [
        {
          N: n,
          sends,
          "p50 ms": product.latency.p50,
          "p99 ms": product.latency.p99,
          "bare+Redis p50 ms": baseline.latency.p50,
          "bare+Redis p99 ms": baseline.latency.p99,
          "p99 ratio": round(product.latency.p99 / baseline.latency.p99),
          delivered: `${product.received}/${product.expected}`,
          lost: product.lost,
          "out of order": product.outOfOrder,
        dropped: product.dropped,
          "bare lost": baseline.lost,
        },
      ],
      targets: [
        { target: "p99 ≤ 1.5 × bare + Redis", met: product.latency.p99 <= limit, detail: `${product.latency.p99} ms vs ${limit} ms` },
        { target: "nothing lost", met: product.lost === 0 && product.outOfOrder === 0, detail: `${product.lost} lost, ${product.outOfOrder} out of order, ${product.dropped} connections dropped${product.lastClose ? ` (${product.lastClose})` : ""}`, integrity: true },
      ],
    };
  } finally {
    await pool.stop();
    await Promise.all([a.stop(), b.stop(), bareA.stop(), bareB.stop()]);
    await database.drop();
  }
}
