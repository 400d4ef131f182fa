/**
 * How the server ends a WebSocket connection on purpose (4000–4999 are the application's), for
 * clients to act on: the web app's live connection (apps/web/src/trpc/socket-closes.ts) reads them.
 */

/** The connection's session was revoked or has expired: sign in again rather than reconnect. */
export const REVOKED_CLOSE_CODE = 4401;

/** The user already holds WS_MAX_CONNECTIONS_PER_USER open connections: retry later, not at once. */
export const TOO_MANY_CONNECTIONS_CLOSE_CODE = 4429;

/** How long a client refused with TOO_MANY_CONNECTIONS_CLOSE_CODE should wait: long enough for other tabs to close. */
export const TOO_MANY_CONNECTIONS_RETRY_MS = 30_000;
