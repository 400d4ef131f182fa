/** runAt: a task at a time further ahead than setTimeout can wait (2^31-1 ms, 24.8 days). */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { runAt } from "../src/core/run-at";

const day = 24 * 60 * 60 * 1000;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("runAt", () => {
  it("runs a task 30 days ahead at its time, not at once nor when the first timer fires", () => {
    const task = vi.fn();
    runAt(new Date(Date.now() + 30 * day), task);
    vi.advanceTimersByTime(1_000);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(25 * day);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(5 * day - 1_001);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledOnce();
  });

  it("runs at once when the time has passed, and never once cancelled", () => {
    const past = vi.fn();
    runAt(new Date(Date.now() - 1), past);
    expect(past).toHaveBeenCalledOnce();
    const cancelled = vi.fn();
    const cancel = runAt(new Date(Date.now() + 30 * day), cancelled);
    vi.advanceTimersByTime(25 * day);
    cancel();
    vi.advanceTimersByTime(10 * day);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
