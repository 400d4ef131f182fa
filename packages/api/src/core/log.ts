/**
 * Where the API logs, as the process shell hands it over (the shell's logger adds the request id
 * and the user to each line). Only what the API calls.
 */
export interface Log {
  warn(fields: object, message: string): void;
}

/** For callers that hand no logger: server-side callers and tests. */
export const silentLog: Log = { warn: () => undefined };
