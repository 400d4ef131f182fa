/** Thrown by a full queue: the caller should come back later rather than wait. */
export class QueueFullError extends Error {
  override readonly name = "QueueFullError";
}

export interface BoundedQueue {
  /** Calls it holds at most, running and waiting together; one more is refused. */
  readonly capacity: number;
  /** Calls it holds now, running and waiting. */
  readonly held: number;
  /** Runs `work` once fewer than `concurrency` are running; throws QueueFullError when `waiting` already wait. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * At most `concurrency` of the calls it wraps run at once; up to `waiting` more wait in order, and
 * beyond that a call is refused at once (QueueFullError) instead of growing a backlog nobody will
 * wait for. A finished call, failed or not, hands its slot straight to the next in line, so a
 * newcomer cannot slip in between.
 */
export function createBoundedQueue({ concurrency, waiting }: { concurrency: number; waiting: number }): BoundedQueue {
  let running = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else running -= 1;
  };
  return {
    capacity: concurrency + waiting,
    get held() {
      return running + queue.length;
    },
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (running < concurrency) running += 1;
      else if (queue.length < waiting) await new Promise<void>((resolve) => queue.push(resolve));
      else throw new QueueFullError(`${running} running and ${queue.length} waiting`);
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}
