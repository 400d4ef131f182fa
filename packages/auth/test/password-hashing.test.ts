import { existsSync, readFileSync, readdirSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { QueueFullError, createPasswordHashing, hashPassword, verifyPassword } from "../src";

/** The nice value of each thread of this process (Linux: it is per thread). */
function niceness(threadId: string | number): number {
  const fields = readFileSync(`/proc/self/task/${threadId}/stat`, "utf8").split(") ")[1]!.split(" ");
  return Number(fields[16]); // field 19 of stat, counted after "pid (comm) "
}

describe("createPasswordHashing", () => {
  const hashing = createPasswordHashing({ threads: 1, waiting: 2 });

  it("hashes and verifies argon2id on its thread, interchangeably with the thread-pool functions", async () => {
    const stored = await hashing.hash("correct horse");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hashing.verify(stored, "correct horse")).toBe(true);
    expect(await hashing.verify(stored, "wrong horse")).toBe(false);
    expect(await verifyPassword(stored, "correct horse")).toBe(true);
    expect(await hashing.verify(await hashPassword("battery staple"), "battery staple")).toBe(true);
  });

  it("answers false for a malformed stored hash, and keeps working after it", async () => {
    expect(await hashing.verify("not-a-hash", "correct horse")).toBe(false);
    expect(await hashing.verify(await hashing.hash("again"), "again")).toBe(true);
  });

  it.runIf(existsSync("/proc/self/task"))("hashes on a thread below the event loop's priority", async () => {
    await hashing.hash("wake the thread");
    expect(niceness(process.pid)).toBe(0); // the main thread's id is the process id
    expect(readdirSync("/proc/self/task").map(niceness).filter((nice) => nice > 0)).toEqual([19]);
  });

  it("refuses a hash when its queue is full, and hashes again once there is room", async () => {
    let open!: () => void;
    const closed = new Promise<void>((resolve) => (open = resolve));
    const held = Array.from({ length: hashing.queue.capacity }, () => hashing.queue.run(() => closed));
    await expect(hashing.hash("one too many")).rejects.toBeInstanceOf(QueueFullError);
    await expect(hashing.verify("whatever", "one too many")).rejects.toBeInstanceOf(QueueFullError);
    open();
    await Promise.all(held);
    expect(await hashing.verify(await hashing.hash("room"), "room")).toBe(true);
  });

  it("makes one decoy hash and verifies against it", async () => {
    const decoy = await hashing.decoyHash();
    expect(await hashing.decoyHash()).toBe(decoy);
    expect(await hashing.verify(decoy, "guess")).toBe(false);
  });
});
