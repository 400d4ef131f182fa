import { mkdirSync } from "node:fs";
import path from "node:path";

import { wsUrl } from "../lib/api";
import { ClientPool, processesFor } from "../lib/clients";
import { type BenchConfig, sizeFlag } from "../lib/config";
import { createBenchDatabase } from "../lib/database";
import { type BenchResult, progress } from "../lib/report";
import { seedCommunity } from "../lib/seed";
import { type Memory, startBaseline, startRealtime } from "../lib/servers";
import { round } from "../lib/stats";
import { soak } from "./connections-soak";
import { type Weighing, weigh } from "./connections-weigh";

const kb = (bytes: number) => round(bytes / 1024, 1);

/** Heap per subscribed connection, and how close to idle the heap must come back once all left (issue 15). */
const HEAP_PER_CONNECTION_LIMIT = 10 * 1024;
const HEAP_BACK_LIMIT = 0.05;

/**
 * N authenticated connections, each with one `message.onEvent` subscription, on one apps/realtime
 * process; its RSS and heap per connection, and its heap once they all left, against its idle
 * heap after a warm-up (`--warm-n` connections that came and left). Beside it N bare
 * `ws` connections to a bare server. Then a soak on the same process: rounds of connections that
 * connect, subscribe and leave (connections-soak.ts). Targets: ≤ 2 × bare per connection,
 * ≤ 50 KB, heap ≤ 10 KB; heap back within 5 %; no growth over the soak.
 * `--heap-snapshots=<dir>` writes heap snapshots of the product server idle, open and after (see src/heap-diff.ts).
 */
export async function connections(config: BenchConfig): Promise<BenchResult> {
  const n = sizeFlag(config, "n", { full: 10_000, smoke: 200 });
  const soakRounds = sizeFlag(config, "soak-rounds", { full: 10, smoke: 3 });
  const soakSize = Math.min(n, sizeFlag(config, "soak-n", { full: 2_000, smoke: 100 }));
  const warmSize = Math.min(n, sizeFlag(config, "warm-n", { full: 500, smoke: 50 }));
  const snapshots = config.flags.get("heap-snapshots");
  // The server writes into it and cannot make it: a missing folder would crash it mid-run.
  if (snapshots) mkdirSync(path.resolve(snapshots), { recursive: true });
  const database = await createBenchDatabase(config, "connections");
  progress(`seeding ${n} accounts with sessions`);
  const handle = await database.open();
  const community = await seedCommunity(handle.db, n, (done) => done % 5_000 === 0 && progress(`  ${done} accounts`));
  await handle.close();

  const server = await startRealtime(config, database.env);
  const bare = await startBaseline("bare-ws.ts");
  let shown = 0;
  const pool = new ClientPool(processesFor(n), (open) => {
    if (open - shown < 2_000) return;
    shown = open;
    progress(`  ${open} open`);
  });
  const tokens = community.people.map((p) => p.token);
  const connectProduct = (count: number) => ((shown = 0), pool.connect("trpc", [wsUrl(server.url)], count, community.channelId, tokens));
  const connectBare = (count: number) => ((shown = 0), pool.connect("bare", [wsUrl(bare.url)], count, community.channelId));
  try {
    // Idle is weighed once the process has served a few connections: code compiles on first use
    // and stays, which is not something the connections left behind (the cold figure is noted too).
    progress(`warming up: ${warmSize} connections that subscribe and leave`);
    const productCold = await weigh(server, pool, () => connectProduct(warmSize));
    progress(`opening ${n} authenticated connections with a subscription each`);
    const product = await weigh(server, pool, () => connectProduct(n), snapshots && path.resolve(snapshots, `connections-${n}`));
    const soaked = await soak(server, pool, connectProduct, { rounds: soakRounds, size: soakSize });
    progress(`opening ${n} bare ws connections`);
    const bareCold = await weigh(bare, pool, () => connectBare(warmSize));
    const baseline = await weigh(bare, pool, () => connectBare(n));

    const per = (w: Weighing, key: keyof Memory) => (w.open[key] - w.before[key]) / n;
    const row = (label: string, w: Weighing) => ({
      server: label,
      connections: n,
      "connect s": round(w.connectMs / 1000, 1),
      "RSS idle MB": round(w.before.rss / 2 ** 20, 1),
      "RSS/conn KB": kb(per(w, "rss")),
      "heap/conn KB": kb(per(w, "heapUsed")),
      "heap idle MB": round(w.before.heapUsed / 2 ** 20, 1),
      "heap after close MB": round(w.after.heapUsed / 2 ** 20, 1),
      "heap after close vs idle": `${round((100 * (w.after.heapUsed - w.before.heapUsed)) / w.before.heapUsed, 1)} %`,
    });
    const rssRatio = per(product, "rss") / per(baseline, "rss");
    const heapRatio = per(product, "heapUsed") / per(baseline, "heapUsed");
    const heapBack = (product.after.heapUsed - product.before.heapUsed) / product.before.heapUsed;
    const cold = (w: Weighing, warm: Weighing) =>
      `${round(warm.before.heapUsed / 2 ** 20, 1)} MB, after close ${round((100 * (w.after.heapUsed - warm.before.heapUsed)) / warm.before.heapUsed, 1)} % above it`;
    return {
      name: "connections",
      rows: [
        row("apps/realtime (tRPC + onEvent)", product),
        row("bare ws", baseline),
        { server: "ratio", "RSS/conn KB": round(rssRatio), "heap/conn KB": round(heapRatio) },
        ...soaked.rows,
      ],
      targets: [
        { target: "every connection opened and subscribed", met: true, detail: `${n} of ${n}, both servers`, integrity: true },
        // A few hundred bare connections can fit in RSS the process already had: no ratio then.
        { target: "RSS per connection ≤ 2 × bare", met: per(baseline, "rss") > 0 ? rssRatio <= 2 : null, detail: `${kb(per(product, "rss"))} KB vs ${kb(per(baseline, "rss"))} KB (× ${round(rssRatio)})` },
        { target: "heap per connection ≤ 2 × bare", met: heapRatio <= 2, detail: `${kb(per(product, "heapUsed"))} KB vs ${kb(per(baseline, "heapUsed"))} KB (× ${round(heapRatio)})` },
        { target: "≤ 50 KB per connection (RSS and heap)", met: per(product, "rss") <= 50 * 1024 && per(product, "heapUsed") <= 50 * 1024, detail: `${kb(per(product, "rss"))} KB RSS, ${kb(per(product, "heapUsed"))} KB heap` },
        { target: `heap per connection ≤ ${kb(HEAP_PER_CONNECTION_LIMIT)} KB`, met: per(product, "heapUsed") <= HEAP_PER_CONNECTION_LIMIT, detail: `${kb(per(product, "heapUsed"))} KB` },
        { target: `heap back within ${100 * HEAP_BACK_LIMIT} % after all disconnect`, met: heapBack <= HEAP_BACK_LIMIT, detail: `${round(100 * heapBack, 1)} % above idle` },
        ...soaked.targets,
      ],
      notes: [
        `idle is weighed after ${warmSize} connections came and left (compiled code); cold idle heap, before them: apps/realtime ${cold(product, productCold)}, bare ws ${cold(baseline, bareCold)}`,
        `of apps/realtime's heap after close, V8's code space (compiled code, which the load made hot) grew ${round((product.after.code - product.before.code) / 2 ** 20, 2)} MB over idle: without it, ${round((100 * (product.after.heapUsed - product.after.code - (product.before.heapUsed - product.before.code))) / product.before.heapUsed, 1)} % above idle`,
        ...(soaked.notes ?? []),
      ],
      details: {
        coldIdleHeap: { product: productCold.before.heapUsed, bare: bareCold.before.heapUsed },
        soak: { heapBefore: soaked.heapBefore, rounds: soaked.rounds },
      },
    };
  } finally {
    await pool.stop();
    await Promise.all([server.stop(), bare.stop()]);
    await database.drop();
  }
}
