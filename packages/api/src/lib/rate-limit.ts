import { env } from "@chat/env";

import { fail } from "../errors";

export interface RateRule {
  limit: number;
  windowMs: number;
}

/** The limits the API enforces (RATE_LIMIT_* settings); keyed by account, address, or user and channel. */
export const rateRules = {
  login: env.RATE_LIMIT_LOGIN,
  loginAddress: env.RATE_LIMIT_LOGIN_ADDRESS,
  signup: env.RATE_LIMIT_SIGNUP,
  messageSend: env.RATE_LIMIT_MESSAGE_SEND,
  typingStart: env.RATE_LIMIT_TYPING_START,
  invitePreview: { limit: 60, windowMs: 60_000 },
  /** Two-factor codes, per account: a 6-digit code cannot be guessed at this pace. */
  twoFactorCode: { limit: 5, windowMs: 5 * 60_000 },
  changePassword: { limit: 5, windowMs: 15 * 60_000 },
} satisfies Record<string, RateRule>;

export type RateRuleName = keyof typeof rateRules;

export interface RateLimiter {
  /** Counts one hit; returns the seconds to wait when the limit is exceeded, else 0. */
  hit(rule: RateRuleName, key: string): Promise<number>;
}

/** Fixed windows in process memory: right for one process; the scaled mode swaps in a shared store. */
export function createMemoryRateLimiter(rules: Record<RateRuleName, RateRule> = rateRules): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let lastSweep = Date.now();
  return {
    async hit(rule, key) {
      const now = Date.now();
      if (now - lastSweep > 60_000) {
        for (const [name, window] of windows) if (window.resetAt <= now) windows.delete(name);
        lastSweep = now;
      }
      const { limit, windowMs } = rules[rule];
      const name = `${rule}:${key}`;
      const window = windows.get(name);
      if (!window || window.resetAt <= now) {
        windows.set(name, { count: 1, resetAt: now + windowMs });
        return 0;
      }
      window.count += 1;
      return window.count > limit ? Math.ceil((window.resetAt - now) / 1000) : 0;
    },
  };
}

/** For tests that are not about rate limits. */
export const unlimited: RateLimiter = { hit: async () => 0 };

export async function enforceRateLimit(limiter: RateLimiter, rule: RateRuleName, key: string): Promise<void> {
  const retryAfter = await limiter.hit(rule, key);
  if (retryAfter > 0) throw fail.tooManyRequests(retryAfter);
}
