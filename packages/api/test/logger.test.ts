import { nextId, users } from "@chat/db";
import { createTestDatabase } from "@chat/db/testing";
import { describe, expect, it } from "vitest";

import { createLogger, runInRequestScope } from "../src";
import { createHarness } from "./harness";

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: "trace", format: "json" }, { write: (line: string) => void lines.push(line) });
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("logger", () => {
  it("stamps every line of a request with its id and, once known, the caller", async () => {
    const { logger, records } = capture();
    const harness = await createHarness();
    try {
      const { token, id } = await harness.user("scoped");
      await runInRequestScope({ requestId: "req-1" }, async () => {
        logger.info("before the session is known");
        await (await harness.caller({ authorization: `Bearer ${token}` })).auth.me();
        logger.info({ ms: 3 }, "after");
      });
      logger.info("outside any request");
      expect(records().map(({ msg, requestId, userId }) => ({ msg, requestId, userId }))).toEqual([
        { msg: "before the session is known", requestId: "req-1", userId: undefined },
        { msg: "after", requestId: "req-1", userId: id },
        { msg: "outside any request", requestId: undefined, userId: undefined },
      ]);
    } finally {
      await harness.close();
    }
  });

  it("redacts secrets that reach it by mistake", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: "hunter2-password",
        body: { token: "eyJ-token", content: "a private message" },
        headers: { authorization: "Bearer eyJ-header", cookie: "chat_session=eyJ-cookie" },
        input: { email: "a@example.com" },
      },
      "careless",
    );
    const output = lines.join("");
    for (const secret of ["hunter2", "eyJ-token", "private message", "eyJ-header", "eyJ-cookie", "a@example.com"]) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain("[redacted]");
  });

  it("logs database errors with their stack but without the query's parameters", async () => {
    const { logger, records } = capture();
    const handle = await createTestDatabase();
    try {
      const row = { id: nextId(), username: "dup", email: "dup@example.com", passwordHash: "argon2-hash-of-a-secret" };
      await handle.db.insert(users).values(row);
      const error = await handle.db.insert(users).values({ ...row, id: nextId() }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect(String((error as Error).message)).toContain("argon2-hash-of-a-secret"); // what we must not write out
      logger.error({ err: error }, "query failed");
      const [record] = records();
      expect(JSON.stringify(record)).not.toContain("argon2-hash-of-a-secret");
      const err = record?.err as { message: string; stack: string };
      expect(err.message).toContain("Failed query: insert into \"users\"");
      expect(err.stack).toMatch(/\n\s+at /);
    } finally {
      await handle.close();
    }
  });
});
