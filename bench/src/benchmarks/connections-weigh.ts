import type { ClientPool } from "../lib/clients";
import type { Memory, RunningProcess } from "../lib/servers";

export interface Weighing {
  before: Memory;
  open: Memory;
  after: Memory;
  connectMs: number;
}

/**
 * Memory of `server` idle, with the connections `connect` opens (after a full GC each time), and
 * after they all left; with `snapshots`, a heap snapshot at each of the three (`<prefix>-idle`, `-open`, `-after`).
 */
export async function weigh(
  server: RunningProcess,
  pool: ClientPool,
  connect: () => Promise<{ failed: number; firstError?: string }>,
  snapshots?: string,
): Promise<Weighing> {
  const snapshot = async (stage: string) => {
    if (snapshots) await server.heapSnapshot(`${snapshots}-${stage}.heapsnapshot`);
  };
  const before = await server.memory();
  await snapshot("idle");
  const started = Date.now();
  const connected = await connect();
  if (connected.failed > 0) throw new Error(`${connected.failed} connections failed: ${connected.firstError}`);
  const connectMs = Date.now() - started;
  const open = await server.memory();
  await snapshot("open");
  await pool.closeConnections();
  const after = await settled(server);
  await snapshot("after");
  return { before, open, after, connectMs };
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
