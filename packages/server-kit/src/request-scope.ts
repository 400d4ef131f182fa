import { AsyncLocalStorage } from "node:async_hooks";

/** What the logs of one HTTP request share: its id, and the caller once the session is known. */
export interface RequestScope {
  requestId: string;
  userId?: string;
}

/**
 * One store per process, on globalThis: the custom server opens the scope and Next.js's separately
 * bundled route handlers fill in the user, so both must see the same AsyncLocalStorage.
 */
const key = Symbol.for("chat-rtc.request-scope");
type Holder = { [key]?: AsyncLocalStorage<RequestScope> };
const storage = ((globalThis as Holder)[key] ??= new AsyncLocalStorage<RequestScope>());

export function runInRequestScope<T>(scope: RequestScope, run: () => T): T {
  return storage.run(scope, run);
}

export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}

/** Names the caller in the current request's scope (if any), so its later log lines carry the user id. */
export function identifyRequestUser(userId: bigint): void {
  const scope = storage.getStore();
  if (scope) scope.userId = String(userId);
}
