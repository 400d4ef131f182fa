import { restGet, trpcQuery } from "../lib/api";
import { type BenchConfig, sizeFlag } from "../lib/config";
import { createBenchDatabase } from "../lib/database";
import { type RunSql, directSql } from "../lib/direct-sql";
import { seedHistory } from "../lib/history-seed";
import { type BenchResult, type Row, progress } from "../lib/report";
import { seedCommunity } from "../lib/seed";
import { startWeb } from "../lib/servers";
import { type Summary, now, round, summarise } from "../lib/stats";

const PAGE = 50;
/** The keyset query `message.list` makes (Drizzle's SQL for it, with the author's name joined). */
const KEYSET = `select m.id, m.channel_id, m.author_id, u.username, m.content, m.created_at, m.edited_at
  from messages m left join users u on u.id = m.author_id
  where m.channel_id = $1 and m.id < $2 order by m.id desc limit ${PAGE + 1}`;
const NEWEST = `select m.id, m.channel_id, m.author_id, u.username, m.content, m.created_at, m.edited_at
  from messages m left join users u on u.id = m.author_id
  where m.channel_id = $1 order by m.id desc limit ${PAGE + 1}`;
/** The negative control: the same page by OFFSET, which reads and drops every row before it. */
const OFFSET = `select m.id, m.channel_id, m.author_id, u.username, m.content, m.created_at, m.edited_at
  from messages m left join users u on u.id = m.author_id
  where m.channel_id = $1 order by m.id desc limit ${PAGE + 1} offset $2`;

async function time(repeat: number, call: () => Promise<unknown>): Promise<Summary> {
  await call();
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = now();
    await call();
    samples.push(now() - started);
  }
  return summarise(samples);
}

/**
 * One channel with N messages (1,000,000 by default); pages of 50 at the newest, middle and
 * oldest positions through `message.list` over tRPC HTTP and REST, beside the same keyset SQL
 * run directly, and OFFSET at the middle as a negative control. Targets: p99 ≤ SQL + 5 ms;
 * the oldest page ≤ 1.5 × the newest.
 */
export async function history(config: BenchConfig): Promise<BenchResult> {
  const n = sizeFlag(config, "n", { full: 1_000_000, smoke: 5_000 });
  const repeat = sizeFlag(config, "repeat", { full: 200, smoke: 20 });
  const database = await createBenchDatabase(config, "history");
  const handle = await database.open();
  const community = await seedCommunity(handle.db, 1);
  const reader = community.people[0]!;
  progress(`seeding ${n.toLocaleString("en")} messages`);
  const started = Date.now();
  const { idOf } = await seedHistory(handle, community.channelId, reader.id, n, (done) => progress(`  ${done.toLocaleString("en")} messages (${Math.round((Date.now() - started) / 1000)} s)`));
  await handle.close();
  const seedSeconds = round((Date.now() - started) / 1000, 1);

  // `before` cursors: none for the newest page; the middle; the 51st oldest, whose page is the 50 oldest.
  const positions = [
    { name: "newest", before: undefined },
    { name: "middle", before: String(idOf(Math.floor(n / 2))) },
    { name: "oldest", before: String(idOf(PAGE)) },
  ];
  const channel = community.channelId;

  progress("direct SQL baseline");
  const direct = await directSql(database);
  const sqlPage = (run: RunSql, before?: string) => (before ? run(KEYSET, [channel, before]) : run(NEWEST, [channel]));
  const baseline = new Map<string, Summary>();
  for (const p of positions) baseline.set(p.name, await time(repeat, () => sqlPage(direct.run, p.before)));
  const offset = await time(Math.min(repeat, 50), () => direct.run(OFFSET, [channel, String(Math.floor(n / 2))]));
  await direct.close();

  progress("starting the web app");
  const web = await startWeb(config, database.env);
  const rows: Row[] = [];
  const targets: BenchResult["targets"] = [];
  try {
    const transports = {
      "tRPC HTTP": (before?: string) => trpcQuery(web.url, "message.list", { channelId: channel, limit: PAGE, ...(before ? { before } : {}) }, reader.token),
      REST: (before?: string) => restGet(web.url, `/channels/${channel}/messages?limit=${PAGE}${before ? `&before=${before}` : ""}`, reader.token),
    };
    for (const [transport, list] of Object.entries(transports)) {
      const first = (await list(positions[2]!.before)) as { items: Array<{ content: string }> };
      if (first.items.length !== PAGE || !first.items.at(-1)?.content.startsWith("history message 0:")) throw new Error(`${transport}: the oldest page is wrong`);
      targets.push({ target: `${transport}: the oldest page holds the 50 oldest messages`, met: true, detail: "checked", integrity: true });
      const byPosition = new Map<string, Summary>();
      for (const p of positions) {
        progress(`${transport}: ${p.name} page × ${repeat}`);
        const result = await time(repeat, () => list(p.before));
        byPosition.set(p.name, result);
        const sqlTime = baseline.get(p.name)!;
        rows.push({ via: transport, page: p.name, "p50 ms": result.p50, "p99 ms": result.p99, "SQL p50 ms": sqlTime.p50, "SQL p99 ms": sqlTime.p99, "p99 − SQL ms": round(result.p99 - sqlTime.p99) });
        targets.push({ target: `${transport} ${p.name}: p99 ≤ SQL + 5 ms`, met: result.p99 <= sqlTime.p99 + 5, detail: `${result.p99} ms vs ${round(sqlTime.p99 + 5)} ms` });
      }
      const oldest = byPosition.get("oldest")!.p99;
      const newest = byPosition.get("newest")!.p99;
      targets.push({ target: `${transport}: oldest ≤ 1.5 × newest (p99)`, met: oldest <= 1.5 * newest, detail: `${oldest} ms vs ${round(1.5 * newest)} ms` });
    }
    rows.push({ via: "SQL OFFSET (control)", page: "middle", "p50 ms": offset.p50, "p99 ms": offset.p99 });
  } finally {
    await web.stop();
    await database.drop();
  }
  return { name: "history", rows, targets, notes: [`${n.toLocaleString("en")} messages seeded in ${seedSeconds} s; ${repeat} requests per cell`] };
}
