import { nextId, users } from "@chat/db";
import { createTestDatabase } from "@chat/db/testing";
import { describe, expect, it } from "vitest";

import { captureLogs as capture } from "./support";

describe("logger", () => {
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
