import { sendMessage, wsUrl } from "../lib/api";
import { ClientPool, processesFor } from "../lib/clients";
import { type BenchConfig, listFlag, sizeFlag } from "../lib/config";
import { createBenchDatabase } from "../lib/database";
import { frameFor, runFanout } from "../lib/fanout-run";
import { type BenchResult, type Row, progress } from "../lib/report";
import { seedCommunity } from "../lib/seed";
import { startBaseline, startWeb } from "../lib/servers";
import { round } from "../lib/stats";

/**
 * A message sent through the tRPC HTTP mutation reaching N subscribers of `message.onEvent` on
 * the web process, one message at a time; beside it a bare `ws` server broadcasting the same
 * bytes to N bare clients, with the same client processes. Target at N = 1,000: p99 ≤ 2 ×
 * baseline + 5 ms, nothing lost.
 */
export async function fanout(config: BenchConfig): Promise<BenchResult> {
  const sizes = listFlag(config, "n", { full: [100, 1_000, 5_000], smoke: [20, 50] });
  const sends = sizeFlag(config, "sends", { full: 200, smoke: 10 });
  const warmup = sizeFlag(config, "warmup", { full: 20, smoke: 2 });
  const largest = Math.max(...sizes);

  const database = await createBenchDatabase(config, "fanout");
  progress(`seeding ${largest + 1} accounts`);
  const handle = await database.open();
  const community = await seedCommunity(handle.db, largest + 1);
  await handle.close();
  const [sender, ...subscribers] = community.people;

  progress("starting the web app and the bare ws server");
  const web = await startWeb(config, database.env);
  const bare = await startBaseline("bare-ws.ts");
  const pool = new ClientPool(processesFor(largest));
  const rows: Row[] = [];
  const targets: BenchResult["targets"] = [];
  const send = (text: string) => sendMessage(web.url, sender!.token, community.channelId, text);
  try {
    await send("warm up the route"); // Next.js compiles a route at its first request in development
    for (const n of sizes) {
      progress(`N = ${n}: connecting ${n} subscribers`);
      const connected = await pool.connect("trpc", [wsUrl(web.url)], n, community.channelId, subscribers.map((p) => p.token));
      if (connected.failed > 0) throw new Error(`${connected.failed} subscriptions failed: ${connected.firstError}`);
      progress(`N = ${n}: ${sends} sends through message.send`);
      const product = await runFanout({ pool, receivers: n, sends, warmup, send, onProgress: (done) => progress(`  ${done} sends`) });
      const sample = await pool.sample();
      await pool.closeConnections();
      if (!sample) throw new Error("no message frame arrived");

      progress(`N = ${n}: bare ws baseline`);
      await pool.connect("bare", [wsUrl(bare.url)], n, community.channelId);
      const broadcast = (text: string) => fetch(`${bare.url}/broadcast`, { method: "POST", body: frameFor(sample, text) }).then((r) => r.text());
      const baseline = await runFanout({ pool, receivers: n, sends, warmup, send: broadcast });
      await pool.closeConnections();

      const ratio = round(product.latency.p99 / baseline.latency.p99);
      rows.push({
        N: n,
        sends,
        "p50 ms": product.latency.p50,
        "p99 ms": product.latency.p99,
        "bare p50 ms": baseline.latency.p50,
        "bare p99 ms": baseline.latency.p99,
        "p99 ratio": ratio,
        delivered: `${product.received}/${product.expected}`,
        lost: product.lost,
        "out of order": product.outOfOrder,
        dropped: product.dropped,
        "bare lost": baseline.lost,
        "frame bytes": Buffer.byteLength(sample),
      });
      if (n === 1_000 || (config.scale === "smoke" && n === largest)) {
        const limit = round(2 * baseline.latency.p99 + 5);
        targets.push({ target: `p99 ≤ 2 × bare + 5 ms at N = ${n}`, met: product.latency.p99 <= limit, detail: `${product.latency.p99} ms vs ${limit} ms` });
      }
      targets.push({ target: `nothing lost at N = ${n}`, met: product.lost === 0 && product.outOfOrder === 0, detail: `${product.lost} lost, ${product.outOfOrder} out of order, ${product.dropped} connections dropped${product.lastClose ? ` (${product.lastClose})` : ""}`, integrity: true });
    }
  } finally {
    await pool.stop();
    await Promise.all([web.stop(), bare.stop()]);
    await database.drop();
  }
  return { name: "fanout", rows, targets };
}
