import { REVOKED_CLOSE_CODE, TOO_MANY_CONNECTIONS_CLOSE_CODE, TOO_MANY_CONNECTIONS_RETRY_MS } from "@chat/policy/close-codes";

/** Reconnect at once, then back off, but never wait more than 5 s: people notice a longer gap. */
const backoffMs = (attempt: number) => (attempt === 0 ? 0 : Math.min(500 * 2 ** attempt, 5_000));

/**
 * How the live socket answers the server's deliberate closes (@chat/policy/close-codes).
 * A session that ended (revoked, expired) sends the person to sign in, instead of reconnecting
 * without a session. Too many connections (other tabs) waits between tries, since each try is
 * refused until one of them closes. Any other close reconnects with the usual back-off.
 */
export function socketClosePolicy(onSessionEnded: () => void) {
  let lastCode: number | undefined;
  return {
    retryDelayMs: (attempt: number) =>
      lastCode === TOO_MANY_CONNECTIONS_CLOSE_CODE ? TOO_MANY_CONNECTIONS_RETRY_MS : backoffMs(attempt),
    onClose(cause?: { code?: number }) {
      lastCode = cause?.code;
      if (lastCode === REVOKED_CLOSE_CODE) onSessionEnded();
    },
  };
}

/** True when the socket was last closed for holding too many connections (the banner says so). */
export function closedForTooManyConnections(error: unknown): boolean {
  return closeCodeOf(error) === TOO_MANY_CONNECTIONS_CLOSE_CODE;
}

/** The close code behind a connection-state error: the client nests the socket's close event among its causes. */
function closeCodeOf(error: unknown): number | undefined {
  for (let current = error; typeof current === "object" && current !== null; current = (current as { cause?: unknown }).cause) {
    const { code } = current as { code?: unknown };
    if (typeof code === "number") return code;
  }
  return undefined;
}
