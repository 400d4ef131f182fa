import { z } from "zod";

/**
 * Every setting Chat RTC reads, with what a good value looks like. `.env.example` documents each
 * key (a test keeps the two in step), and so does docker-compose.yml for the ones it sets.
 */
const port = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a port number (1-65535)` })
    .int(`${name} must be a whole port number (1-65535)`)
    .min(1, `${name} must be a port number (1-65535)`)
    .max(65535, `${name} must be a port number (1-65535)`);

const webOrigin = (name: string) =>
  z
    .url({ protocol: /^https?$/, error: `${name} must be an http(s) URL such as https://chat.example.com` })
    .transform((url) => new URL(url).origin);

/** An http(s) URL kept as written, less a trailing slash (an endpoint may carry a path). */
const webUrl = (name: string, example: string) =>
  z.url({ protocol: /^https?$/, error: `${name} must be an http(s) URL such as ${example}` }).transform((url) => url.replace(/\/+$/, ""));

/** "<count>/<window>", e.g. "5/5s", "10/1m", "20/1h": at most count hits per window. */
const rateRule = (name: string) =>
  z.string().transform((value, ctx) => {
    const match = /^\s*(\d+)\s*\/\s*(\d+)(ms|s|m|h)\s*$/.exec(value);
    const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
    if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
      ctx.addIssue({ code: "custom", message: `${name} must look like "10/1m": a count, a slash, a window in ms, s, m or h` });
      return z.NEVER;
    }
    return { limit: Number(match[1]), windowMs: Number(match[2]) * unitMs[match[3] as keyof typeof unitMs] };
  });

/** A whole number of at least 1, e.g. a cap on open connections. */
const positiveCount = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a whole number of at least 1` })
    .int(`${name} must be a whole number of at least 1`)
    .min(1, `${name} must be a whole number of at least 1`);

const commaList = z
  .string()
  .default("")
  .transform((list) => list.split(",").map((item) => item.trim()).filter(Boolean));

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** The web app's HTTP port (pages, /api/trpc, and /api/ws in the one-process mode). */
  PORT: port("PORT").default(3000),
  /** The standalone realtime server's port (apps/realtime). */
  WS_PORT: port("WS_PORT").default(3001),
  /** The address people use to reach the app; its origin is always an allowed origin. */
  PUBLIC_URL: webOrigin("PUBLIC_URL").optional(),
  /** Other browser origins allowed to call the REST API (CORS) and open WebSockets, comma-separated. */
  ALLOWED_ORIGINS: commaList.pipe(z.array(webOrigin("each ALLOWED_ORIGINS entry"))),
  /** Reverse proxies in front of the app (1 behind docker-compose's Caddy); client addresses come from X-Forwarded-For. */
  TRUSTED_PROXY_HOPS: z.coerce
    .number({ error: "TRUSTED_PROXY_HOPS must be the number of reverse proxies in front of the app (0, 1, ...)" })
    .int("TRUSTED_PROXY_HOPS must be a whole number")
    .min(0, "TRUSTED_PROXY_HOPS must be 0 or more")
    .default(0),
  /** Open WebSocket connections one account may hold on an instance; more are closed with 4429. */
  WS_MAX_CONNECTIONS_PER_USER: positiveCount("WS_MAX_CONNECTIONS_PER_USER").default(10),
  /** Open WebSocket connections one client address may hold on an instance; more upgrades get 429. */
  WS_MAX_CONNECTIONS_PER_ADDRESS: positiveCount("WS_MAX_CONNECTIONS_PER_ADDRESS").default(50),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "DATABASE_URL must be a postgres:// URL such as postgres://user:pass@host:5432/db" })
    .optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "REDIS_URL must be a redis:// or rediss:// URL such as redis://host:6379" }).optional(),
  /** Prefixes Redis keys and channels, so that deployments sharing a Redis stay apart. */
  REDIS_PREFIX: z.string().default("chat:"),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters (try `openssl rand -base64 48`)").optional(),
  DATA_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** "pretty" for people at a terminal, "json" for log collectors; default: pretty in development only. */
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  /** How long a stopping process may take to finish requests and close connections before it is cut off. */
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number({ error: "SHUTDOWN_TIMEOUT_MS must be a number of milliseconds" })
    .int()
    .min(100, "SHUTDOWN_TIMEOUT_MS must be at least 100")
    .default(10_000),
  /** Sign-in attempts per account and client address. */
  RATE_LIMIT_LOGIN: rateRule("RATE_LIMIT_LOGIN").default({ limit: 10, windowMs: 60_000 }),
  RATE_LIMIT_LOGIN_ADDRESS: rateRule("RATE_LIMIT_LOGIN_ADDRESS").default({ limit: 30, windowMs: 60_000 }),
  /** Sign-in attempts per account from all addresses together; past it only a second factor gets in. */
  RATE_LIMIT_LOGIN_ACCOUNT: rateRule("RATE_LIMIT_LOGIN_ACCOUNT").default({ limit: 100, windowMs: 3_600_000 }),
  RATE_LIMIT_SIGNUP: rateRule("RATE_LIMIT_SIGNUP").default({ limit: 20, windowMs: 3_600_000 }),
  RATE_LIMIT_MESSAGE_SEND: rateRule("RATE_LIMIT_MESSAGE_SEND").default({ limit: 5, windowMs: 5_000 }),
  RATE_LIMIT_TYPING_START: rateRule("RATE_LIMIT_TYPING_START").default({ limit: 10, windowMs: 10_000 }),
  /** Password hashes (argon2id) at once, each on a thread at the lowest priority; default: one fewer than the cores, at least 1. */
  PASSWORD_HASH_THREADS: positiveCount("PASSWORD_HASH_THREADS").optional(),
  /** Web Push (VAPID) key pair, base64url as `web-push generate-vapid-keys` prints it; unset: generated once into DATA_DIR. */
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{87}$/, "VAPID_PUBLIC_KEY must be a base64url P-256 public key (87 characters)").optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "VAPID_PRIVATE_KEY must be a base64url P-256 private key (43 characters)").optional(),
  /** Who push services may contact about this sender: a mailto: or https: URL; default: PUBLIC_URL, else mailto:admin@localhost. */
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, "VAPID_SUBJECT must be a mailto: or https:// URL").optional(),
  /** Whether the server fetches previews (Open Graph cards) of the links in messages. */
  LINK_PREVIEWS: z.enum(["on", "off"], { error: "LINK_PREVIEWS must be on or off" }).default("on"),
  /**
   * Hosts (`name` or `name:port`, as written in links) that link previews may fetch although they
   * resolve to private or loopback addresses or use another port: for tests and intranets only.
   */
  LINK_PREVIEW_ALLOW_HOSTS: commaList.pipe(
    z.array(z.string().regex(/^([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d{1,5})?$/i, "each LINK_PREVIEW_ALLOW_HOSTS entry must be a host or host:port")),
  ),
  /** The largest attachment, in bytes (25 MiB); at most 5 GiB, the most one S3 PUT takes. */
  UPLOAD_MAX_BYTES: z.coerce
    .number({ error: "UPLOAD_MAX_BYTES must be a number of bytes" })
    .int("UPLOAD_MAX_BYTES must be a whole number of bytes")
    .min(1, "UPLOAD_MAX_BYTES must be at least 1")
    .max(5 * 1024 ** 3, "UPLOAD_MAX_BYTES must be at most 5 GiB (5368709120), the most one S3 upload takes")
    .default(25 * 1024 ** 2),
  /** Attachments go to this S3 bucket when it is set (then S3_ENDPOINT and the keys are required), else to DATA_DIR/files. */
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "S3_BUCKET must be a bucket name: 3-63 of a-z 0-9 . -").optional(),
  /** The S3 API address the servers reach, e.g. http://minio:9000 or https://s3.eu-west-1.amazonaws.com. */
  S3_ENDPOINT: webUrl("S3_ENDPOINT", "http://minio:9000").optional(),
  /** The S3 address browsers reach, put in presigned upload and download URLs; default: S3_ENDPOINT. */
  S3_PUBLIC_ENDPOINT: webUrl("S3_PUBLIC_ENDPOINT", "https://files.example.com").optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Address the bucket as endpoint/bucket (MinIO and most self-hosted servers) rather than bucket.endpoint. */
  S3_FORCE_PATH_STYLE: z
    .enum(["true", "false"], { error: "S3_FORCE_PATH_STYLE must be true or false" })
    .default("true")
    .transform((value) => value === "true"),
  /** Procedure calls per user (per address before sign-in), each call of a batch counted. */
  RATE_LIMIT_CALLS: rateRule("RATE_LIMIT_CALLS").default({ limit: 600, windowMs: 60_000 }),
});

export type EnvKey = keyof typeof envSchema.shape;
