import type { Database } from "@chat/db";

/** A background service that finishes its work when the process stops. */
export interface Closing {
  /** Resolves once what it started is done and what it holds is released. */
  close(): Promise<void>;
}

type Registry = Map<string, WeakMap<Database, Closing>>;
const REGISTRY = Symbol.for("chat-rtc.process-singletons");

/**
 * Held on globalThis, not in this module: the web process loads this package twice (its custom
 * server and the Next.js bundle), and both must share one queue and be finished by one shutdown.
 */
function registry(): Registry {
  const holder = globalThis as { [REGISTRY]?: Registry };
  return (holder[REGISTRY] ??= new Map());
}

/** The process's one `name` service for this database, made by `create` on first use. */
export function processSingleton<T extends Closing>(name: string, db: Database, create: () => T): T {
  let byDatabase = registry().get(name);
  if (!byDatabase) registry().set(name, (byDatabase = new WeakMap()));
  let service = byDatabase.get(db) as T | undefined;
  if (!service) byDatabase.set(db, (service = create()));
  return service;
}

/** Lets every background service of this database finish (push sends, link previews), before the database closes. */
export async function closeProcessSingletons(db: Database): Promise<void> {
  const services = [...registry().values()].flatMap((byDatabase) => byDatabase.get(db) ?? []);
  await Promise.all(services.map((service) => service.close()));
}
