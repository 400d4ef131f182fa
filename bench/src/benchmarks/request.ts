import { sendMessage } from "../lib/api";
import { type BenchConfig, sizeFlag } from "../lib/config";
import { createBenchDatabase } from "../lib/database";
import { type BenchResult, type Row, progress } from "../lib/report";
import { seedCommunity } from "../lib/seed";
import { type RunningProcess, startWeb } from "../lib/servers";
import { type Summary, now, round, summarise } from "../lib/stats";

interface Path {
  via: string;
  url: string;
  headers: Record<string, string>;
}

/** One request; any status but 200 fails the run. */
async function timeOne(path: Path): Promise<number> {
  const started = now();
  const response = await fetch(path.url, { headers: path.headers });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${path.url}: ${response.status}`);
  return now() - started;
}

/**
 * `repeat` sequential requests per path after a warm-up of a quarter as many, the paths taking
 * turns request by request: a burst of load on the machine (others share it) falls on every path
 * alike, which rounds of a path at a time did not ensure (two rounds of one path differed by more
 * than the gap measured).
 */
async function timeInTurns(repeat: number, paths: Path[]): Promise<Map<string, Summary>> {
  const samples = new Map<string, number[]>(paths.map((path) => [path.via, []]));
  for (let i = -Math.ceil(repeat / 4); i < repeat; i++) {
    if (i % 500 === 0) progress(`  ${Math.max(i, 0)} of ${repeat} each`);
    for (const path of paths) {
      const ms = await timeOne(path);
      if (i >= 0) samples.get(path.via)!.push(ms);
    }
  }
  return new Map([...samples].map(([via, ms]) => [via, summarise(ms)]));
}

/**
 * The web process's CPU per call of `call`, over `count` calls four at a time after a warm-up:
 * what a call costs the server, which a loaded machine changes far less than it changes latency.
 */
async function cpuPerCall(web: RunningProcess, count: number, call: () => Promise<unknown>): Promise<number | null> {
  const run = (calls: number) => Promise.all(Array.from({ length: 4 }, async () => { for (let i = 0; i < calls / 4; i++) await call(); }));
  await run(Math.ceil(count / 4));
  const before = web.cpuMs();
  await run(count);
  const after = web.cpuMs();
  return before === null || after === null ? null : round((after - before) / count);
}

/**
 * The overhead of one authenticated request: `auth.me` (a bearer token, the session, one row)
 * through /api/trpc and REST, beside /api/health of the same process (answered by the server
 * before Next.js), its bare floor. Target: auth.me p50 ≤ health + 1.5 ms. Then the web process's
 * CPU per call of each, and of `message.send` (no subscribers): the work a send costs before any
 * fan-out, which bounds the send rate one process can sustain.
 */
export async function request(config: BenchConfig): Promise<BenchResult> {
  const repeat = sizeFlag(config, "repeat", { full: 2_000, smoke: 50 });
  const database = await createBenchDatabase(config, "request");
  const handle = await database.open();
  const community = await seedCommunity(handle.db, 1);
  const [person] = community.people;
  await handle.close();

  progress("starting the web app");
  const web = await startWeb(config, database.env);
  const rows: Row[] = [];
  const targets: BenchResult["targets"] = [];
  try {
    const auth = { authorization: `Bearer ${person!.token}` };
    const paths: Path[] = [
      { via: "/api/health (floor)", url: `${web.url}/api/health`, headers: {} },
      { via: "tRPC auth.me", url: `${web.url}/api/trpc/auth.me`, headers: auth },
      { via: "REST GET /auth/me", url: `${web.url}/api/v1/auth/me`, headers: auth },
    ];
    progress(`${paths.map((path) => path.via).join(", ")}: ${repeat} each, in turns`);
    const results = await timeInTurns(repeat, paths);
    const health = results.get(paths[0]!.via)!;
    for (const path of paths) {
      const result = results.get(path.via)!;
      rows.push({ via: path.via, "p50 ms": result.p50, "p99 ms": result.p99, "p50 − health ms": round(result.p50 - health.p50) });
    }
    progress(`the web process's CPU per call: ${repeat} calls of each, and of message.send`);
    const cpuRows: Array<[string, () => Promise<unknown>]> = [
      ...paths.map((path): [string, () => Promise<unknown>] => [path.via, () => timeOne(path)]),
      ["tRPC message.send (no subscribers)", () => sendMessage(web.url, person!.token, community.channelId, "cpu per call")],
    ];
    for (const [via, call] of cpuRows) {
      const cpu = await cpuPerCall(web, repeat, call);
      const row = rows.find((r) => r.via === via);
      if (row) row["web CPU ms/call"] = cpu;
      else rows.push({ via, "web CPU ms/call": cpu });
    }
    const me = results.get(paths[1]!.via)!;
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
  return { name: "request", rows, targets, notes: [`${repeat} sequential keep-alive requests per path, the paths in turns`] };
}
