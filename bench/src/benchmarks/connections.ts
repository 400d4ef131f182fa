import { wsUrl } from "../lib/api";
import { ClientPool, processesFor } from "../lib/clients";
import { type BenchConfig, sizeFlag } from "../lib/config";
import { createBenchDatabase } from "../lib/database";
import { type BenchResult, progress } from "../lib/report";
import { seedCommunity } from "../lib/seed";
import { type Memory, type RunningProcess, startBaseline, startRealtime } from "../lib/servers";
import { round } from "../lib/stats";

interface Weighing {
  before: Memory;
  open: Memory;
  after: Memory;
  connectMs: number;
}

/** Memory of `server` idle, with `n` connections open (after a full GC each time), and after they all left. */
async function weigh(server: RunningProcess, pool: ClientPool, connect: () => Promise<{ failed: number; firstError?: string }>): Promise<Weighing> {
  const before = await server.memory();
  const started = Date.now();
  const connected = await connect();
  if (connected.failed > 0) throw new Error(`${connected.failed} connections failed: ${connected.firstError}`);
  const connectMs = Date.now() - started;
  const open = await server.memory();
  await pool.closeConnections();
  return { before, open, after: await settled(server), connectMs };
}

/**
 * Memory once the server has finished with the closed connections: close handlers run after the
 * clients see the close (each one tells the member's servers they went offline, a database read),
 * so wait until the heap holds still between two looks, two seconds apart (at most 40 s).
 */
async function settled(server: RunningProcess): Promise<Memory> {
  let last = await server.memory();
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const current = await server.memory();
    const still = Math.abs(current.heapUsed - last.heapUsed) / last.heapUsed < 0.01;
    last = current;
    if (still) break;
  }
  return last;
}

const kb = (bytes: number) => round(bytes / 1024, 1);

/**
 * N authenticated connections, each with one `message.onEvent` subscription, on one apps/realtime
 * process; its RSS and heap per connection, and its heap once they all left. Beside it N bare
 * `ws` connections to a bare server. Targets: ≤ 2 × bare per connection and ≤ 50 KB; heap back
 * within 10 %.
 */
export async function connections(config: BenchConfig): Promise<BenchResult> {
  const n = sizeFlag(config, "n", { full: 10_000, smoke: 200 });
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
  try {
    progress(`opening ${n} authenticated connections with a subscription each`);
    const product = await weigh(server, pool, () => ((shown = 0), pool.connect("trpc", [wsUrl(server.url)], n, community.channelId, tokens)));
    progress(`opening ${n} bare ws connections`);
    const baseline = await weigh(bare, pool, () => ((shown = 0), pool.connect("bare", [wsUrl(bare.url)], n, community.channelId)));

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
    return {
      name: "connections",
      rows: [row("apps/realtime (tRPC + onEvent)", product), row("bare ws", baseline), { server: "ratio", "RSS/conn KB": round(rssRatio), "heap/conn KB": round(heapRatio) }],
      targets: [
        { target: "every connection opened and subscribed", met: true, detail: `${n} of ${n}, both servers`, integrity: true },
        // A few hundred bare connections can fit in RSS the process already had: no ratio then.
        { target: "RSS per connection ≤ 2 × bare", met: per(baseline, "rss") > 0 ? rssRatio <= 2 : null, detail: `${kb(per(product, "rss"))} KB vs ${kb(per(baseline, "rss"))} KB (× ${round(rssRatio)})` },
        { target: "heap per connection ≤ 2 × bare", met: heapRatio <= 2, detail: `${kb(per(product, "heapUsed"))} KB vs ${kb(per(baseline, "heapUsed"))} KB (× ${round(heapRatio)})` },
        { target: "≤ 50 KB per connection (RSS and heap)", met: per(product, "rss") <= 50 * 1024 && per(product, "heapUsed") <= 50 * 1024, detail: `${kb(per(product, "rss"))} KB RSS, ${kb(per(product, "heapUsed"))} KB heap` },
        { target: "heap back within 10 % after all disconnect", met: heapBack <= 0.1, detail: `${round(100 * heapBack, 1)} % above idle` },
      ],
    };
  } finally {
    await pool.stop();
    await Promise.all([server.stop(), bare.stop()]);
    await database.drop();
  }
}
