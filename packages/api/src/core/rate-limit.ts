import { CHALLENGE_TTL_SECONDS } from "@chat/auth";
import { env } from "@chat/env";
import { fail } from "@chat/policy/errors";

export interface RateRule {
  limit: number;
  windowMs: number;
  /**
   * With backoff, going over the limit blocks the key for a window, then two, four... in a row
   * of windows that each go over, up to this; a window within the limit forgives.
   */
  maxBackoffMs?: number;
  /**
   * For a rule without backoff: the hits an instance takes from Redis at once and then answers from
   * memory, a round trip per lease instead of per hit (server-kit's rate-limit-redis.ts). The
   * in-memory limiter, alone in its process, has nothing to save and ignores it.
   */
  lease?: number;
}

const FIFTEEN_MINUTES = 15 * 60_000;
const HOUR = 60 * 60_000;

/** The limits the API enforces (RATE_LIMIT_* settings); keyed by account, address, or user and channel. */
export const rateRules = {
  /**
   * Every procedure call, whatever the transport, per user or (signed out) per address: a batch
   * counts each of its calls, so that batching multiplies nothing (trpc.ts applies it to all).
   * Leased a tenth at a time: the calls' Redis round trip is paid once per lease, not per call.
   */
  calls: { ...env.RATE_LIMIT_CALLS, lease: Math.max(1, Math.floor(env.RATE_LIMIT_CALLS.limit / 10)) },
  /**
   * Sign-in attempts per account AND address: a guesser blocks themselves, never the account's
   * owner elsewhere (keying on the email alone let anyone lock a chosen person out).
   */
  login: { ...env.RATE_LIMIT_LOGIN, maxBackoffMs: FIFTEEN_MINUTES },
  loginAddress: { ...env.RATE_LIMIT_LOGIN_ADDRESS, maxBackoffMs: FIFTEEN_MINUTES },
  /**
   * Sign-in attempts per account from every address together, the ceiling for guessers spread
   * over many addresses. Past it a password alone no longer signs in: see account/password-login.ts.
   */
  loginAccount: env.RATE_LIMIT_LOGIN_ACCOUNT,
  signup: env.RATE_LIMIT_SIGNUP,
  /** Sign-ups that found their email registered, per address: an enumerator gets a few answers an hour, then none. */
  signupEmailTaken: { limit: 5, windowMs: HOUR },
  messageSend: env.RATE_LIMIT_MESSAGE_SEND,
  typingStart: env.RATE_LIMIT_TYPING_START,
  /** Uploads started, per user: a message takes at most ten files, and few people send many a minute. */
  attachmentCreate: { limit: 30, windowMs: 60_000 },
  /** Custom emoji uploads, by one user. */
  emojiCreate: { limit: 30, windowMs: 60_000 },
  invitePreview: { limit: 60, windowMs: 60_000 },
  /** Adding and removing reactions, per user: clicking about is fine, a script toggling is not. */
  reaction: { limit: 30, windowMs: 10_000 },
  /** Two-factor codes, per account, blocked for 5, 10, 20... minutes in a row of windows over it. */
  twoFactorCode: { limit: 5, windowMs: 5 * 60_000, maxBackoffMs: HOUR },
  /** Codes tried on one login challenge; after these it is void (it expires with the window). */
  twoFactorChallenge: { limit: 3, windowMs: CHALLENGE_TTL_SECONDS * 1000 },
  changePassword: { limit: 5, windowMs: 15 * 60_000 },
} satisfies Record<string, RateRule>;

export type RateRuleName = keyof typeof rateRules;
export type RateRules = Record<RateRuleName, RateRule>;

export interface RateLimiter {
  /** Counts one hit; returns the seconds to wait when the limit is exceeded, else 0. */
  hit(rule: RateRuleName, key: string): Promise<number>;
  /** The seconds a hit would have to wait now, counting nothing: for limits on an outcome, checked before it. */
  peek(rule: RateRuleName, key: string): Promise<number>;
  close?(): Promise<void>;
}

/** What a limiter remembers about one key. */
export interface RateState {
  count: number;
  resetAt: number;
  strikes: number;
  blockedUntil: number;
}

/**
 * One hit on a key at `now`: its next state and the milliseconds to wait (0 when allowed).
 * Fixed windows; with backoff, see `RateRule.maxBackoffMs`. The Redis limiter runs the same
 * steps in Lua (lib/rate-limit-redis.ts); one test suite holds both to this behaviour.
 */
export function applyHit(previous: RateState | undefined, rule: RateRule, now: number): { state: RateState; waitMs: number } {
  const state = { ...(previous ?? { count: 0, resetAt: 0, strikes: 0, blockedUntil: 0 }) };
  if (state.blockedUntil > now) return { state, waitMs: state.blockedUntil - now };
  if (state.resetAt <= now) {
    if (state.count <= rule.limit) state.strikes = 0;
    state.count = 0;
    state.resetAt = now + rule.windowMs;
  }
  state.count += 1;
  if (state.count <= rule.limit) return { state, waitMs: 0 };
  if (!rule.maxBackoffMs) return { state, waitMs: state.resetAt - now };
  const block = Math.min(rule.windowMs * 2 ** state.strikes, rule.maxBackoffMs);
  state.strikes += 1;
  state.blockedUntil = now + block;
  state.count = 0;
  state.resetAt = state.blockedUntil + rule.windowMs;
  return { state, waitMs: block };
}

export interface LimiterOptions {
  rules?: RateRules;
  /** The clock, in milliseconds; tests pass their own. */
  now?: () => number;
}

/** In process memory: right for one process; with REDIS_URL the services use the Redis limiter. */
export function createMemoryRateLimiter({ rules = rateRules, now = Date.now }: LimiterOptions = {}): RateLimiter {
  const states = new Map<string, RateState>();
  let lastSweep = now();
  return {
    async hit(rule, key) {
      const time = now();
      if (time - lastSweep > 60_000) {
        // A state is as good as new once its window is over (rate-limit tests hold to that).
        for (const [name, state] of states) if (state.resetAt <= time) states.delete(name);
        lastSweep = time;
      }
      const name = `${rule}:${key}`;
      const { state, waitMs } = applyHit(states.get(name), rules[rule], time);
      states.set(name, state);
      return Math.ceil(waitMs / 1000);
    },
    async peek(rule, key) {
      return Math.ceil(applyHit(states.get(`${rule}:${key}`), rules[rule], now()).waitMs / 1000);
    },
  };
}

/** For tests that are not about rate limits. */
export const unlimited: RateLimiter = { hit: async () => 0, peek: async () => 0 };

export async function enforceRateLimit(limiter: RateLimiter, rule: RateRuleName, key: string): Promise<void> {
  const retryAfter = await limiter.hit(rule, key);
  if (retryAfter > 0) throw fail.tooManyRequests(retryAfter);
}
