/**
 * The process's background services (push delivery, link previews) are one per database however
 * many copies of this package the process loads, and shutdown lets them finish before the database closes.
 */
import { createTestDatabase } from "@chat/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { closeProcessSingletons, processSingleton } from "../src/core/process-singleton";

type DatabaseHandle = Awaited<ReturnType<typeof createTestDatabase>>;

let first: DatabaseHandle;
let second: DatabaseHandle;

beforeAll(async () => {
  [first, second] = [await createTestDatabase(), await createTestDatabase()];
});
afterAll(async () => {
  await Promise.all([first.close(), second.close()]);
});

function slowService(log: string[], name: string) {
  return {
    async close() {
      await new Promise((resolve) => setTimeout(resolve, 20));
      log.push(name);
    },
  };
}

describe("process singletons", () => {
  it("makes one service per name and database, and closing a database waits for its services only", async () => {
    const closed: string[] = [];
    let made = 0;
    const make = (name: string) => () => ((made += 1), slowService(closed, name));
    const push = processSingleton("test-push", first.db, make("push of first"));
    expect(processSingleton("test-push", first.db, make("again"))).toBe(push);
    processSingleton("test-previews", first.db, make("previews of first"));
    processSingleton("test-push", second.db, make("push of second"));
    expect(made).toBe(3);

    await closeProcessSingletons(first.db);
    expect(closed.sort()).toEqual(["previews of first", "push of first"]);
  });

  it("shares the registry through globalThis, as the web process's two module copies must", () => {
    const service = processSingleton("test-shared", first.db, () => ({ close: async () => undefined }));
    const registry = (globalThis as Record<symbol, Map<string, WeakMap<object, unknown>>>)[Symbol.for("chat-rtc.process-singletons")];
    expect(registry?.get("test-shared")?.get(first.db)).toBe(service);
  });
});
