import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { EnvError, envKeys, parseEnv } from "../src";

const root = path.resolve(import.meta.dirname, "../../..");
const strongSecret = "q8Vb3kR1xN0pL7mZ2sT9wY4cH6jF5gD1aE8uI3oK7nB2";

function problemsOf(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems.map((problem) => `${problem.key}: ${problem.message}`);
    throw error;
  }
  return [];
}

describe("parseEnv", () => {
  it("fills in defaults for a bare environment", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ NODE_ENV: "development", PORT: 3000, WS_PORT: 3001, LOG_LEVEL: "info", SHUTDOWN_TIMEOUT_MS: 10_000 });
    expect(env.ALLOWED_ORIGINS).toEqual([]);
    expect(env.RATE_LIMIT_MESSAGE_SEND).toEqual({ limit: 5, windowMs: 5_000 });
    expect(path.isAbsolute(env.DATA_DIR)).toBe(true);
  });

  it("names each bad variable and says what it expects", () => {
    const problems = problemsOf({
      PORT: "http",
      DATABASE_URL: "mysql://db/chat",
      REDIS_URL: "localhost:6379",
      LOG_LEVEL: "loud",
      RATE_LIMIT_LOGIN: "ten per minute",
      ALLOWED_ORIGINS: "https://ok.example.com, not a url",
    });
    expect(problems).toEqual([
      expect.stringMatching(/^PORT: PORT must be a port number/),
      expect.stringMatching(/^ALLOWED_ORIGINS: .*http\(s\) URL/),
      expect.stringMatching(/^DATABASE_URL: DATABASE_URL must be a postgres:\/\/ URL/),
      expect.stringMatching(/^REDIS_URL: REDIS_URL must be a redis:\/\//),
      expect.stringMatching(/^LOG_LEVEL: .*"info"/),
      expect.stringMatching(/^RATE_LIMIT_LOGIN: RATE_LIMIT_LOGIN must look like "10\/1m"/),
    ]);
  });

  it("parses origins, the public URL and rate limits", () => {
    const env = parseEnv({
      PUBLIC_URL: "https://chat.example.com/app/",
      ALLOWED_ORIGINS: "https://admin.example.com, http://localhost:5173/",
      RATE_LIMIT_SIGNUP: "3/2h",
      RATE_LIMIT_LOGIN: "100/250ms",
    });
    expect(env.PUBLIC_URL).toBe("https://chat.example.com");
    expect(env.ALLOWED_ORIGINS).toEqual(["https://chat.example.com", "https://admin.example.com", "http://localhost:5173"]);
    expect(env.RATE_LIMIT_SIGNUP).toEqual({ limit: 3, windowMs: 7_200_000 });
    expect(env.RATE_LIMIT_LOGIN).toEqual({ limit: 100, windowMs: 250 });
  });

  it("refuses short secrets everywhere", () => {
    expect(problemsOf({ AUTH_SECRET: "short" })).toEqual([expect.stringMatching(/^AUTH_SECRET: .*at least 32 characters/)]);
  });

  it("keeps attachments on disk by default, under 25 MiB each", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ UPLOAD_MAX_BYTES: 26_214_400, S3_REGION: "us-east-1", S3_FORCE_PATH_STYLE: true });
    expect(env.S3_BUCKET).toBeUndefined();
    expect(parseEnv({ UPLOAD_MAX_BYTES: "1048576" }).UPLOAD_MAX_BYTES).toBe(1_048_576);
    expect(problemsOf({ UPLOAD_MAX_BYTES: "0" })).toEqual([expect.stringMatching(/^UPLOAD_MAX_BYTES: UPLOAD_MAX_BYTES must be at least 1/)]);
    expect(problemsOf({ UPLOAD_MAX_BYTES: "6000000000" })).toEqual([expect.stringMatching(/^UPLOAD_MAX_BYTES: .*at most 5 GiB/)]);
    expect(problemsOf({ UPLOAD_MAX_BYTES: "25MB" })).toEqual([expect.stringMatching(/^UPLOAD_MAX_BYTES: UPLOAD_MAX_BYTES must be a number of bytes/)]);
  });

  it("parses the S3 settings", () => {
    const env = parseEnv({
      S3_BUCKET: "chat-files",
      S3_ENDPOINT: "http://minio:9000/",
      S3_PUBLIC_ENDPOINT: "https://files.example.com",
      S3_REGION: "eu-west-3",
      S3_ACCESS_KEY_ID: "chat",
      S3_SECRET_ACCESS_KEY: "a-secret-key",
      S3_FORCE_PATH_STYLE: "false",
    });
    expect(env).toMatchObject({
      S3_BUCKET: "chat-files",
      S3_ENDPOINT: "http://minio:9000",
      S3_PUBLIC_ENDPOINT: "https://files.example.com",
      S3_REGION: "eu-west-3",
      S3_ACCESS_KEY_ID: "chat",
      S3_SECRET_ACCESS_KEY: "a-secret-key",
      S3_FORCE_PATH_STYLE: false,
    });
  });

  it("requires an S3 address and keys once S3_BUCKET is set, and refuses bad S3 values", () => {
    expect(problemsOf({ S3_BUCKET: "chat-files" })).toEqual([
      expect.stringMatching(/^S3_ENDPOINT: S3_ENDPOINT is required when S3_BUCKET is set/),
      expect.stringMatching(/^S3_ACCESS_KEY_ID: S3_ACCESS_KEY_ID is required when S3_BUCKET is set/),
      expect.stringMatching(/^S3_SECRET_ACCESS_KEY: S3_SECRET_ACCESS_KEY is required when S3_BUCKET is set/),
    ]);
    expect(problemsOf({ S3_BUCKET: "chat-files", S3_ENDPOINT: "http://minio:9000", S3_ACCESS_KEY_ID: "chat" })).toEqual([
      expect.stringMatching(/^S3_SECRET_ACCESS_KEY: .*unset S3_BUCKET to keep them under DATA_DIR\/files/),
    ]);
    expect(problemsOf({ S3_BUCKET: "Chat Files", S3_ENDPOINT: "minio:9000", S3_FORCE_PATH_STYLE: "yes" })).toEqual([
      expect.stringMatching(/^S3_BUCKET: S3_BUCKET must be a bucket name/),
      expect.stringMatching(/^S3_ENDPOINT: S3_ENDPOINT must be an http\(s\) URL/),
      expect.stringMatching(/^S3_FORCE_PATH_STYLE: S3_FORCE_PATH_STYLE must be true or false/),
    ]);
  });

  describe("in production", () => {
    const production = { NODE_ENV: "production", DATABASE_URL: "postgres://chat@db:5432/chat" };

    it("requires a secret when instances share a database", () => {
      expect(problemsOf(production)).toEqual([expect.stringMatching(/^AUTH_SECRET: AUTH_SECRET is required in production/)]);
      expect(problemsOf({ NODE_ENV: "production" })).toEqual([]); // embedded: generated under DATA_DIR
    });

    it("refuses the placeholder secret of .env.example and the docs", () => {
      const example = readFileSync(path.join(root, ".env.example"), "utf8");
      const placeholder = /^AUTH_SECRET=(.+)$/m.exec(example)?.[1];
      expect(placeholder).toBeDefined();
      expect(parseEnv({ AUTH_SECRET: placeholder! }).AUTH_SECRET).toBe(placeholder); // fine in development
      for (const secret of [placeholder!, "change-me-change-me-change-me-change-me", "development-secret-0123456789abcdefghij"]) {
        expect(problemsOf({ ...production, AUTH_SECRET: secret })).toEqual([expect.stringMatching(/^AUTH_SECRET: .*placeholder/)]);
      }
    });

    it("refuses plain secrets and accepts random ones", () => {
      expect(problemsOf({ ...production, AUTH_SECRET: "a".repeat(40) })).toEqual([expect.stringMatching(/^AUTH_SECRET: .*too plain/)]);
      expect(problemsOf({ ...production, AUTH_SECRET: "0101010101010101010101010101010101" })).toHaveLength(1);
      expect(parseEnv({ ...production, AUTH_SECRET: strongSecret }).AUTH_SECRET).toBe(strongSecret);
    });
  });
});

describe("documentation of the settings", () => {
  it(".env.example lists every setting under a comment", () => {
    const lines = readFileSync(path.join(root, ".env.example"), "utf8").split("\n");
    for (const key of envKeys) {
      const index = lines.findIndex((line) => new RegExp(`^#? ?${key}=`).test(line));
      expect(index, `${key} in .env.example`).toBeGreaterThan(0);
      expect(lines[index - 1], `the comment above ${key}`).toMatch(/^# \S/);
    }
  });

  it("turbo passes every setting through to tasks", () => {
    const turbo = JSON.parse(readFileSync(path.join(root, "turbo.json"), "utf8")) as { globalEnv: string[] };
    expect(turbo.globalEnv).toEqual(expect.arrayContaining(envKeys));
  });
});

describe("start-up with a bad environment", () => {
  it("exits 1 with the list of problems, not a stack trace", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "-e", "import('@chat/env')"], {
      cwd: path.resolve(import.meta.dirname, ".."),
      env: { PATH: process.env.PATH, NODE_ENV: "production", PORT: "99999", DATABASE_URL: "postgres://db/chat" }, // eslint-disable-line no-restricted-properties -- the child needs PATH
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Invalid environment (see .env.example):");
    expect(result.stderr).toContain("PORT: PORT must be a port number (1-65535)");
    expect(result.stderr).not.toContain("    at ");
  });
});
