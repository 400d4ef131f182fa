import { type BenchConfig, sizeFlag } from "../lib/config";
import { createBenchDatabase } from "../lib/database";
import { type BenchResult, type Row, progress } from "../lib/report";
import { seedCommunity } from "../lib/seed";
import { startWeb } from "../lib/servers";
import { type Summary, now, round, summarise } from "../lib/stats";

/** N sequential requests after a warm-up of a tenth as many; any status but 200 fails the run. */
async function time(repeat: number, url: string, headers: Record<string, string>): Promise<Summary> {
  const samples: number[] = [];
  for (let i = -Math.ceil(repeat / 10); i < repeat; i++) {
    const started = now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    if (i >= 0) samples.push(now() - started);
  }
  return summarise(samples);
}

/**
 * The overhead of one authenticated request: `auth.me` (a bearer token, the session, one row)
 * through /api/trpc and REST, beside /api/health of the same process (answered by the server
 * before Next.js), its bare floor. Target: auth.me p50 ≤ health + 1.5 ms.
 */
export async function request(config: BenchConfig): Promise<BenchResult> {
  const repeat = sizeFlag(config, "repeat", { full: 2_000, smoke: 50 });
  const database = await createBenchDatabase(config, "request");
  const handle = await database.open();
  const [person] = (await seedCommunity(handle.db, 1)).people;
  await handle.close();

  progress("starting the web app");
  const web = await startWeb(config, database.env);
  const rows: Row[] = [];
  const targets: BenchResult["targets"] = [];
  try {
    const auth = { authorization: `Bearer ${person!.token}` };
    const paths = [
      { via: "/api/health (floor)", url: `${web.url}/api/health`, headers: {} },
      { via: "tRPC auth.me", url: `${web.url}/api/trpc/auth.me`, headers: auth },
      { via: "REST GET /auth/me", url: `${web.url}/api/v1/auth/me`, headers: auth },
    ];
    // Interleaved rounds, so that a burst of load on the machine falls on every path alike.
    const results = new Map<string, Summary[]>();
    for (let pass = 1; pass <= 2; pass++) {
      for (const path of paths) {
        progress(`${path.via} × ${repeat} (round ${pass})`);
        results.set(path.via, [...(results.get(path.via) ?? []), await time(repeat, path.url, path.headers)]);
      }
    }
    // The second round: the first warms the process (JIT, caches).
    const health = results.get(paths[0]!.via)!.at(-1)!;
    for (const path of paths) {
      const result = results.get(path.via)!.at(-1)!;
      rows.push({ via: path.via, "p50 ms": result.p50, "p99 ms": result.p99, "p50 − health ms": round(result.p50 - health.p50) });
    }
    const me = results.get(paths[1]!.via)!.at(-1)!;
    targets.push({ target: "auth.me over tRPC: p50 ≤ health + 1.5 ms", met: me.p50 <= health.p50 + 1.5, detail: `${me.p50} ms vs ${round(health.p50 + 1.5)} ms` });
    // However it is sped up, an authenticated request must still name its caller.
    const answered = await Promise.all([
      fetch(paths[1]!.url, { headers: auth }).then(async (response) => ((await response.json()) as { result?: { data?: { json?: { id?: string } } } }).result?.data?.json?.id),
      fetch(paths[2]!.url, { headers: auth }).then(async (response) => ((await response.json()) as { id?: string }).id),
    ]);
    const right = answered.filter((id) => id === String(person!.id)).length;
    targets.push({ target: "auth.me names the caller", met: right === answered.length, detail: `${right} of ${answered.length} answers name the caller`, integrity: true });
  } finally {
    await web.stop();
    await database.drop();
  }
  return { name: "request", rows, targets, notes: [`${repeat} sequential keep-alive requests per cell, second of two interleaved rounds`] };
}
