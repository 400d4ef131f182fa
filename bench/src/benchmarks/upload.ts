import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";

import { type BenchConfig, sizeFlag } from "../lib/config";
import { type BenchResult, type Row, progress } from "../lib/report";
import { type Memory, type RunningProcess, startBaseline } from "../lib/servers";
import { now, round } from "../lib/stats";

const MiB = 1024 * 1024;
/** The target: a 25 MiB upload costs the server less than this much memory. */
const TARGET_MiB = 10;

/** Streams `size` bytes as one PUT (64 KiB writes, waiting on backpressure as a real client would). */
function upload(url: string, size: number): Promise<{ status: number; body: string; ms: number }> {
  const chunk = randomBytes(64 * 1024);
  return new Promise((resolve, reject) => {
    const started = now();
    const req = request(url, { method: "PUT", headers: { "content-type": "application/octet-stream", "content-length": size } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (text: string) => (body += text));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, ms: now() - started }));
    });
    req.on("error", reject);
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        const length = Math.min(chunk.length, size - sent);
        sent += length;
        if (!req.write(length === chunk.length ? chunk : chunk.subarray(0, length))) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

/** Linux's high-water mark of a process's resident memory (VmHWM), reset to its current RSS by `resetPeak`. */
function peakRss(pid: number): number {
  const kB = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  if (!kB) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(kB) * 1024;
}
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
}

interface Measure {
  /** Peak RSS over RSS after a full GC just before, for an upload left alone. */
  peakMiB: number;
  /** RSS after a full GC once it is stored, over the same. */
  retainedMiB: number;
  /** The most that heap + Buffers held, each reading after a full GC, while a second upload streamed in. */
  heldMiB: number;
  mbPerS: number;
  stored: boolean;
}

const liveBytes = (memory: Memory) => memory.heapUsed + memory.external;

/**
 * Two uploads. The first is left alone: its RSS peak is what the process costs, garbage included
 * (socket read buffers already written out wait for the next GC). The second is read every 20 ms
 * through full GCs, which would hide that peak, to get what the body in flight holds alive.
 */
async function measure(server: RunningProcess, size: number, name: string): Promise<Measure> {
  const before = (await server.memory()).rss;
  resetPeak(server.pid);
  const result = await upload(`${server.url}/upload/${name}`, size);
  const peak = peakRss(server.pid);
  const after = (await server.memory()).rss;

  const idle = liveBytes(await server.memory());
  let held = 0;
  let done = false;
  const second = upload(`${server.url}/upload/${name}-sampled`, size).finally(() => (done = true));
  while (!done) {
    held = Math.max(held, liveBytes(await server.memory()) - idle);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const sampled = await second;

  const storedWhole = (answer: { status: number; body: string }) => answer.status === 200 && (JSON.parse(answer.body) as { size: number }).size === size;
  return {
    peakMiB: round((peak - before) / MiB),
    retainedMiB: round((after - before) / MiB),
    heldMiB: round(held / MiB),
    mbPerS: round(size / MiB / (result.ms / 1000), 1),
    stored: storedWhole(result) && storedWhole(sampled),
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * A 25 MiB upload streamed over real HTTP into `storage.write` on disk (the server's memory must not
 * grow with the body: < 10 MiB), beside a bare `node:http` server that pipes the request into a
 * file, the floor. Each server takes one unmeasured upload first (code
 * compiled on first use, buffer pools), then `--rounds` measured ones (11), the two servers in turns;
 * `--mib` sets the body's size.
 */
export async function uploadMemory(config: BenchConfig): Promise<BenchResult> {
  const size = sizeFlag(config, "mib", { full: 25, smoke: 4 }) * MiB;
  const rounds = sizeFlag(config, "rounds", { full: 11, smoke: 1 });
  const dataDir = mkdtempSync(path.join(tmpdir(), "chat-bench-upload-"));
  const servers: Array<{ label: string; server: RunningProcess }> = [];
  try {
    servers.push({
      label: "storage.write (disk)",
      server: await startBaseline("storage-upload.ts", { DATA_DIR: path.join(dataDir, "storage"), UPLOAD_MAX_BYTES: String(size) }),
    });
    servers.push({ label: "bare node:http → file", server: await startBaseline("bare-upload.ts", { DATA_DIR: dataDir }) });
    const results = new Map<string, Measure[]>(servers.map(({ label }) => [label, []]));
    for (const { server } of servers) await upload(`${server.url}/upload/warm-up`, size);
    for (let turn = 1; turn <= rounds; turn++) {
      progress(`round ${turn} of ${rounds}: ${size / MiB} MiB to each server`);
      for (const { label, server } of servers) {
        const measured = await measure(server, size, `round-${turn}`);
        progress(`  ${label}: peak +${measured.peakMiB} MiB, after GC +${measured.retainedMiB} MiB, held while streaming ${measured.heldMiB} MiB`);
        results.get(label)!.push(measured);
      }
    }
    const rows: Row[] = [...results].map(([label, measures]) => ({
      server: label,
      "body MiB": size / MiB,
      uploads: measures.length,
      "peak RSS + MiB (max)": Math.max(...measures.map((m) => m.peakMiB)),
      "peak RSS + MiB (median)": median(measures.map((m) => m.peakMiB)),
      "RSS after GC + MiB (max)": Math.max(...measures.map((m) => m.retainedMiB)),
      "held while streaming MiB (max)": Math.max(...measures.map((m) => m.heldMiB)),
      "MiB/s (median)": median(measures.map((m) => m.mbPerS)),
    }));
    const product = rows[0]!;
    const bare = rows[1]!;
    const all = [...results.values()].flat();
    return {
      name: "upload",
      rows,
      targets: [
        {
          target: `storage.write: heap + Buffers held while a ${size / MiB} MiB body streams in < ${TARGET_MiB} MiB (max of ${rounds})`,
          met: Number(product["held while streaming MiB (max)"]) < TARGET_MiB,
          detail: `${product["held while streaming MiB (max)"]} MiB (bare: ${bare["held while streaming MiB (max)"]} MiB)`,
        },
        {
          target: `storage.write: peak RSS increase < ${TARGET_MiB} MiB (median of ${rounds})`,
          met: Number(product["peak RSS + MiB (median)"]) < TARGET_MiB,
          detail: `median ${product["peak RSS + MiB (median)"]} MiB, max ${product["peak RSS + MiB (max)"]} MiB (bare: ${bare["peak RSS + MiB (median)"]}, ${bare["peak RSS + MiB (max)"]} MiB)`,
        },
        { target: "every upload stored whole", met: all.every((m) => m.stored), detail: `${all.filter((m) => m.stored).length} of ${all.length}`, integrity: true },
      ],
      notes: [
        "peak = Linux's VmHWM after a reset (clear_refs) minus RSS after a full GC just before the upload; times are informative only",
        "a peak is mostly socket read buffers already written out and not yet collected, so it moves with GC timing (in the bare server too); what stays alive is the held figure",
      ],
    };
  } finally {
    for (const { server } of servers) await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
