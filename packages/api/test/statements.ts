import type { DatabaseHandle } from "@chat/db";

type Run = (...args: unknown[]) => unknown;
type Patchable = Record<string, unknown>;

/**
 * Counts the statements the database of `handle` runs, in transactions too, whichever the driver
 * (PGlite's `query`, postgres-js's `unsafe`, each on the client and on a transaction's): for tests
 * that hold a path to a number of statements, or to none. Read `count`; `stop` restores the client.
 */
export function countStatements(handle: DatabaseHandle) {
  const counter = { count: 0, stop: () => undefined as void };
  // Drizzle keeps the driver's client on the database (`$client`), which its types here leave out.
  const client = (handle.db as unknown as { $client: Patchable }).$client;
  const [run, begin] = handle.kind === "pglite" ? ["query", "transaction"] : ["unsafe", "begin"];
  const counting = (target: Patchable) => {
    const original = target[run] as Run;
    target[run] = (...args: unknown[]) => {
      counter.count += 1;
      return original.apply(target, args);
    };
    return () => (target[run] = original);
  };
  const restoreRun = counting(client);
  const originalBegin = client[begin] as Run;
  client[begin] = (...args: unknown[]) => {
    // The transaction's callback is the last argument (postgres-js takes options before it).
    const callback = args.at(-1) as (tx: Patchable) => unknown;
    return originalBegin.apply(client, [
      ...args.slice(0, -1),
      (tx: Patchable) => {
        counting(tx);
        return callback(tx);
      },
    ]);
  };
  counter.stop = () => {
    restoreRun();
    client[begin] = originalBegin;
  };
  return counter;
}
