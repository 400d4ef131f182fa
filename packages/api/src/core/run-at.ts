/** setTimeout's longest delay: a longer one fires at once (with a warning) instead. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Runs `task` once at `at`, however far ahead (a session lasts 30 days, setTimeout at most 24.8),
 * by re-arming until then. The timer never keeps the process alive. Returns the cancel.
 */
export function runAt(at: Date, task: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const wait = at.getTime() - Date.now();
    if (wait <= 0) return task();
    timer = setTimeout(arm, Math.min(wait, MAX_TIMEOUT_MS)).unref();
  };
  arm();
  return () => clearTimeout(timer);
}
