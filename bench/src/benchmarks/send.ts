import { type DatabaseHandle, channels, nextId } from "@chat/db";

import { markerText } from "../clients/protocol";
import { sendMessage, wsUrl } from "../lib/api";
import { ClientPool } from "../lib/clients";
import { type BenchConfig, listFlag, sizeFlag } from "../lib/config";
import { createBenchDatabase } from "../lib/database";
import { type RampStep, ramp } from "../lib/ramp";
import { type BenchResult, type Row, progress } from "../lib/report";
import { type Community, seedCommunity } from "../lib/seed";
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

/** A channel of the bench's server and the client process that holds its subscribers. */
interface Channel {
  id: string;
  pool: ClientPool;
}

/** `count` channels in the community's server: its own and `count − 1` more. */
async function seedChannels(handle: DatabaseHandle, community: Community, count: number): Promise<string[]> {
  const more = Array.from({ length: count - 1 }, (_, i) => ({ id: nextId(), serverId: BigInt(community.serverId), name: `channel-${i + 2}`, position: i + 1 }));
  if (more.length > 0) await handle.db.insert(channels).values(more);
  return [community.channelId, ...more.map((channel) => String(channel.id))];
}

/**
 * Sustained sends per second over HTTP with 100 subscribers per channel: open-loop steps of
 * rising rate until p99 from send to the last delivery passes 100 ms, into one channel, then
 * into ten at once (the same total rate, the sends taking the channels in turn; each channel has
 * its own 100 subscribers, so a message costs the same fan-out in both). Sends to one channel
 * queue behind its lock; sends to different channels need not. Beside them a bare `node:http`
 * handler doing the same INSERT, ramped the same way until its p99 response passes 100 ms.
 */
export async function send(config: BenchConfig): Promise<BenchResult> {
  const subscribers = sizeFlag(config, "n", { full: 100, smoke: 10 });
  const channelCount = sizeFlag(config, "channels", { full: 10, smoke: 3 });
  const stepMs = sizeFlag(config, "step-ms", { full: 5_000, smoke: 1_000 });
  const rates = listFlag(config, "rates", { full: [10, 25, 50, 100, 200, 400, 800, 1_600, 3_200, 6_400], smoke: [10, 20] });

  const database = await createBenchDatabase(config, "send");
  const bareDatabase = await createBenchDatabase(config, "send_bare");
  const handle = await database.open();
  const community = await seedCommunity(handle.db, subscribers + 1);
  const channelIds = await seedChannels(handle, community, channelCount);
  await handle.close();
  const bareHandle = await bareDatabase.open();
  const bareCommunity = await seedCommunity(bareHandle.db, 1);
  await bareHandle.close();
  const [sender, ...receivers] = community.people;

  progress("starting the web app and the bare INSERT server");
  const web = await startWeb(config, database.env);
  const bare = await startBaseline("bare-insert.ts", bareDatabase.env);
  // One client process per channel: a process reports a message once all its connections have it.
  const subscribed: Channel[] = channelIds.map((id) => ({ id, pool: new ClientPool(1) }));
  try {
    await sendMessage(web.url, sender!.token, community.channelId, "warm up the route");
    progress(`${subscribers} subscribers in each of ${channelCount} channels`);
    for (const channel of subscribed) {
      const connected = await channel.pool.connect("trpc", [wsUrl(web.url)], subscribers, channel.id, receivers.map((p) => p.token));
      if (connected.failed > 0) throw new Error(`${connected.failed} subscriptions failed: ${connected.firstError}`);
    }
    const totals = async () => {
      const each = await Promise.all(subscribed.map((channel) => channel.pool.totals()));
      return { received: each.reduce((sum, t) => sum + t.received, 0), outOfOrder: each.reduce((sum, t) => sum + t.outOfOrder, 0) };
    };
    const before = await totals();

    let sends = 0;
    /**
     * Ramps the product, the sends taking `into`'s channels in turn, after an unmeasured step at
     * the first rate: the first sends into a channel warm its path (JIT, statements, subscribers'
     * first frames), and a ramp stops at its first step past the limit.
     */
    const rampProduct = async (into: Channel[]) => {
      const fire = async () => {
        const m = marker++;
        const channel = into[sends++ % into.length]!;
        const delivered = channel.pool.waitDelivered(m, 30_000);
        const started = now();
        await sendMessage(web.url, sender!.token, channel.id, markerText(m));
        const at = await delivered;
        if (at === null) throw new Error(`message ${m} not delivered to every subscriber within 30 s`);
        return at - started;
      };
      await ramp({ rates: rates.slice(0, 1), stepMs: Math.min(stepMs, 2_000), limitMs: Number.POSITIVE_INFINITY, fire });
      return ramp({ rates, stepMs, limitMs: LIMIT_MS, fire, onStep: (step) => progress(`  ${step.rate}/s asked: ${step.achieved}/s, p99 ${step.latency.p99} ms`) });
    };
    progress(`product, one channel: rising send rates until p99 send → last delivery > ${LIMIT_MS} ms`);
    const one = await rampProduct(subscribed.slice(0, 1));
    progress(`product, ${channelCount} channels at once: the same`);
    const many = await rampProduct(subscribed);
    const after = await totals();
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

    const ratio = baseline.sustained > 0 ? round(one.sustained / baseline.sustained, 3) : null;
    const scaling = one.sustained > 0 ? round(many.sustained / one.sustained, 2) : null;
    const oneLabel = `product, 1 channel (send → last of ${subscribers})`;
    const manyLabel = `product, ${channelCount} channels (send → last of ${subscribers})`;
    return {
      name: "send",
      rows: [
        ...one.steps.map((step) => stepRow(oneLabel, step)),
        ...many.steps.map((step) => stepRow(manyLabel, step)),
        ...baseline.steps.map((step) => stepRow("bare node:http INSERT", step)),
        { server: "sustained, 1 channel (p99 ≤ 100 ms)", "rate asked /s": one.sustained, "achieved /s": `bare ${baseline.sustained}`, "p50 ms": `ratio ${ratio}` },
        { server: `sustained, ${channelCount} channels (p99 ≤ 100 ms)`, "rate asked /s": many.sustained, "achieved /s": `× ${scaling} of 1 channel` },
      ],
      targets: [
        { target: "report both rates and the ratio", met: null, detail: `${one.sustained}/s vs ${baseline.sustained}/s (× ${ratio})` },
        {
          target: `${channelCount} channels at once ≥ 2 × one channel`,
          met: many.sustained >= 2 * one.sustained && one.sustained > 0,
          detail: `${many.sustained}/s vs ${one.sustained}/s (× ${scaling})`,
        },
        { target: "nothing lost", met: lost === 0 && after.outOfOrder === before.outOfOrder, detail: `${lost} lost of ${sends * subscribers}, ${after.outOfOrder - before.outOfOrder} out of order`, integrity: true },
      ],
      notes: [
        `steps of ${stepMs / 1000} s at rising rates (in total, over the channels); the last step of each is the first past ${LIMIT_MS} ms (or the last asked)`,
        `${channelCount} channels × ${subscribers} subscribers, one client process each`,
      ],
    };
  } finally {
    await Promise.all(subscribed.map((channel) => channel.pool.stop()));
    await Promise.all([web.stop(), bare.stop()]);
    await Promise.all([database.drop(), bareDatabase.drop()]);
  }
}
