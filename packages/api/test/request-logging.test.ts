import { createLogger, identifyRequestUser, runInRequestScope } from "@chat/server-kit";
import { describe, expect, it } from "vitest";

import { appRouter, createCallerFactory, createContext, unlimited } from "../src";
import { authKey, createHarness } from "./harness";

/** The API's side of request logging: the caller it identifies names the rest of the request's log lines. */
function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: "trace", format: "json" }, { write: (line: string) => void lines.push(line) });
  return { logger, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("request logging", () => {
  it("stamps every line of a request with its id and, once known, the caller", async () => {
    const { logger, records } = capture();
    const harness = await createHarness();
    try {
      const { token, id } = await harness.user("scoped");
      await runInRequestScope({ requestId: "req-1" }, async () => {
        logger.info("before the session is known");
        const ctx = await createContext({
          db: harness.handle.db,
          authKey,
          rateLimiter: unlimited,
          headers: new Headers({ authorization: `Bearer ${token}` }),
          log: logger,
          identifyUser: identifyRequestUser,
        });
        await createCallerFactory(appRouter)(ctx).auth.me();
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
});
