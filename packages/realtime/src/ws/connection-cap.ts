/**
 * Open connections per key (a client address, a user id), at most `max` at a time in this
 * process. Synchronous, so that connections arriving together cannot all slip under the cap.
 */
export interface ConnectionCap {
  /** Counts a connection of `key` and returns its release (safe to call twice), or null when `key` is at the cap. */
  admit(key: string): (() => void) | null;
}

export function createConnectionCap(max: number): ConnectionCap {
  const open = new Map<string, number>();
  return {
    admit(key) {
      const count = open.get(key) ?? 0;
      if (count >= max) return null;
      open.set(key, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (open.get(key) ?? 1) - 1;
        if (left > 0) open.set(key, left);
        else open.delete(key);
      };
    },
  };
}
