import { describe, expect, it } from "vitest";

import { QueueFullError, createBoundedQueue } from "../src/bounded-queue";

/** A call that runs until the test lets it finish, or fail. */
function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const closed = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { work: () => closed, open, fail };
}

const settledAfter = async <T>(promise: Promise<T>) => {
  let state = "pending";
  promise.then(() => (state = "fulfilled"), () => (state = "rejected"));
  await new Promise((resolve) => setImmediate(resolve));
  return state;
};

describe("createBoundedQueue", () => {
  it("runs at most `concurrency` calls at once, the rest in order, and passes results and errors through", async () => {
    const queue = createBoundedQueue({ concurrency: 2, waiting: 10 });
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const task = (n: number) =>
      queue.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        order.push(n);
        if (n === 3) throw new Error("three");
        return n;
      });
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map(task));
    expect(most).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([1, 2, "three", 4, 5]);
  });

  it("refuses a call at once when `waiting` already wait, and takes calls again once there is room", async () => {
    const queue = createBoundedQueue({ concurrency: 1, waiting: 2 });
    expect(queue.capacity).toBe(3);
    const gates = [gate(), gate(), gate()];
    const held = gates.map((g) => queue.run(g.work));
    expect(queue.held).toBe(3);
    await expect(queue.run(async () => "late")).rejects.toBeInstanceOf(QueueFullError);
    gates[0]!.open();
    await held[0];
    const queued = queue.run(async () => "queued");
    expect(await settledAfter(queued)).toBe("pending"); // behind the two that waited
    gates[1]!.open();
    gates[2]!.open();
    expect(await queued).toBe("queued");
  });

  it("releases the place of a call that failed, running or waiting", async () => {
    const queue = createBoundedQueue({ concurrency: 1, waiting: 1 });
    const running = gate();
    const waiting = gate();
    const first = queue.run(running.work);
    const second = queue.run(waiting.work);
    running.fail(new Error("hash failed"));
    await expect(first).rejects.toThrow("hash failed");
    waiting.fail(new Error("this one too"));
    await expect(second).rejects.toThrow("this one too");
    // Both places are free again: one runs, one waits, the next is refused.
    const again = [gate(), gate()];
    const held = again.map((g) => queue.run(g.work));
    await expect(queue.run(async () => "over")).rejects.toBeInstanceOf(QueueFullError);
    again.forEach((g) => g.open());
    await Promise.all(held);
    expect(queue.held).toBe(0);
    expect(await queue.run(async () => "free")).toBe("free");
  });
});
