/**
 * Loaded into a server process with `--import` before its entry point: answers "bench:memory" on
 * the IPC channel with the process's RSS, heap, memory outside the heap (Buffers) and compiled code
 * after a full garbage collection, so that the connections benchmark can weigh a connection (and the
 * upload benchmark what a body in flight holds) without changing the product; and
 * `{ heapSnapshot: path }` by writing a heap snapshot there (`--heap-snapshots`).
 */
import { getHeapSpaceStatistics, setFlagsFromString, writeHeapSnapshot } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

process.on("message", (message: unknown) => {
  if (message === "bench:memory") {
    gc();
    gc();
    const usage = process.memoryUsage();
    // Compiled machine code, part of heapUsed: it grows with what the load made hot, not with what connections keep.
    const code = getHeapSpaceStatistics().find((space) => space.space_name === "code_space")?.space_used_size ?? 0;
    process.send?.({ kind: "memory", rss: usage.rss, heapUsed: usage.heapUsed, external: usage.external, code });
  } else if (typeof message === "object" && message !== null && "heapSnapshot" in message) {
    // A snapshot collects garbage first.
    const path = writeHeapSnapshot(String(message.heapSnapshot));
    process.send?.({ kind: "heap-snapshot", path });
  }
});
// The channel must not keep the server alive when it is told to stop.
process.channel?.unref();
