import { type ContextOptions, type RateLimiter, createContext, createMemoryRateLimiter } from "@chat/api";
import { loadAuthSecret, secretKey } from "@chat/auth";
import { getProcessDatabase } from "@chat/db";
import { env } from "@chat/env";

/** What every request of this process shares: the database, the signing key, the rate limiter. */
const key = Symbol.for("chat-rtc.services");
type RequestOptions = Pick<ContextOptions, "headers" | "responseHeaders" | "clientAddress" | "requestId">;
type Services = Omit<ContextOptions, keyof RequestOptions>;
type Holder = { [key]?: Promise<Services> };

export function getServices(): Promise<Services> {
  const holder = globalThis as Holder;
  holder[key] ??= (async () => {
    const { db } = await getProcessDatabase();
    const rateLimiter: RateLimiter = createMemoryRateLimiter();
    return { db, authKey: secretKey(loadAuthSecret()), rateLimiter, secureCookies: env.NODE_ENV === "production" };
  })();
  return holder[key];
}

/** The procedure context of one HTTP request, whichever adapter (tRPC, REST) serves it. */
export async function createRequestContext(options: RequestOptions) {
  return createContext({ ...(await getServices()), ...options });
}
