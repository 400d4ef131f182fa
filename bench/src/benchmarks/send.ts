import { markerText } from "../clients/protocol";
import { sendMessage, wsUrl } from "../lib/api";
import { ClientPool } from "../lib/clients";
import { type BenchConfig, listFlag, sizeFlag } from "../lib/config";
import { createBenchDatabase } from "../lib/database";
import { type RampStep, ramp } from "../lib/ramp";
import { type BenchResult, type Row, progress } from "../lib/report";
import { seedCommunity } from "../lib/seed";
import { startBaseline, startWeb } from "../lib/servers";
import { now, round } from "../lib/stats";

const LIMIT_MS = 100;
let marker = 1_000_000;

const stepRow = (server: string, step: RampStep): Row => ({
  server,
  "rate asked /s": step.rate,
  "achieved /s": step.achieved,
  "p50 ms": step.latency.p50,
  "p99 ms": step.latency.p99,
  failures: step.failures,
});

/**
 * Sustained sends per second over HTTP with 100 subscribers: open-loop steps of rising rate
 * until p99 from send to the last delivery passes 100 ms. Beside it a bare `node:http` handler
 * doing the same INSERT, ramped the same way until its p99 response passes 100 ms.
 */
export async function send(config: BenchConfig): Promise<BenchResult> {
  const subscribers = sizeFlag(config, "n", { full: 100, smoke: 10 });
  const stepMs = sizeFlag(config, "step-ms", { full: 5_000, smoke: 1_000 });
  const rates = listFlag(config, "rates", { full: [10, 25, 50, 100, 200, 400, 800, 1_600, 3_200, 6_400], smoke: [10, 20] });

  const database = await createBenchDatabase(config, "send");
  const bareDatabase = await createBenchDatabase(config, "send_bare");
  const handle = await database.open();
  const community = await seedCommunity(handle.db, subscribers + 1);
  await handle.close();
  const bareHandle = await bareDatabase.open();
  const bareCommunity = await seedCommunity(bareHandle.db, 1);
  await bareHandle.close();
  const [sender, ...receivers] = community.people;

  progress("starting the web app and the bare INSERT server");
  const web = await startWeb(config, database.env);
  const bare = await startBaseline("bare-insert.ts", bareDatabase.env);
  const pool = new ClientPool(1);
  try {
    await sendMessage(web.url, sender!.token, community.channelId, "warm up the route");
    const connected = await pool.connect("trpc", [wsUrl(web.url)], subscribers, community.channelId, receivers.map((p) => p.token));
    if (connected.failed > 0) throw new Error(`${connected.failed} subscriptions failed: ${connected.firstError}`);
    const before = await pool.totals();

    progress(`product: rising send rates until p99 send → last delivery > ${LIMIT_MS} ms`);
    let sends = 0;
    const product = await ramp({
      rates,
      stepMs,
      limitMs: LIMIT_MS,
      fire: async () => {
        const m = marker++;
        sends += 1;
        const delivered = pool.waitDelivered(m, 30_000);
        const started = now();
        await sendMessage(web.url, sender!.token, community.channelId, markerText(m));
        const at = await delivered;
        if (at === null) throw new Error(`message ${m} not delivered to every subscriber within 30 s`);
        return at - started;
      },
      onStep: (step) => progress(`  ${step.rate}/s asked: ${step.achieved}/s, p99 ${step.latency.p99} ms`),
    });
    const after = await pool.totals();
    const lost = sends * subscribers - (after.received - before.received);

    progress(`baseline: rising INSERT rates until p99 response > ${LIMIT_MS} ms`);
    const authorId = String(bareCommunity.people[0]!.id);
    const baseline = await ramp({
      rates,
      stepMs,
      limitMs: LIMIT_MS,
      fire: async () => {
        const started = now();
        const response = await fetch(`${bare.url}/send`, {
          method: "POST",
          body: JSON.stringify({ channelId: bareCommunity.channelId, authorId, content: markerText(marker++) }),
        });
        if (!response.ok) throw new Error(`bare insert: ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
        return now() - started;
      },
      onStep: (step) => progress(`  ${step.rate}/s asked: ${step.achieved}/s, p99 ${step.latency.p99} ms`),
    });

    const ratio = baseline.sustained > 0 ? round(product.sustained / baseline.sustained, 3) : null;
    return {
      name: "send",
      rows: [
        ...product.steps.map((step) => stepRow("product (send → last of " + subscribers + ")", step)),
        ...baseline.steps.map((step) => stepRow("bare node:http INSERT", step)),
        { server: "sustained (p99 ≤ 100 ms)", "rate asked /s": product.sustained, "achieved /s": `bare ${baseline.sustained}`, "p50 ms": `ratio ${ratio}` },
      ],
      targets: [
        { target: "report both rates and the ratio", met: null, detail: `${product.sustained}/s vs ${baseline.sustained}/s (× ${ratio})` },
        { target: "nothing lost", met: lost === 0 && after.outOfOrder === before.outOfOrder, detail: `${lost} lost of ${sends * subscribers}, ${after.outOfOrder - before.outOfOrder} out of order`, integrity: true },
      ],
      notes: [`steps of ${stepMs / 1000} s at rising rates; the last step of each is the first past ${LIMIT_MS} ms (or the last asked)`],
    };
  } finally {
    await pool.stop();
    await Promise.all([web.stop(), bare.stop()]);
    await Promise.all([database.drop(), bareDatabase.drop()]);
  }
}
