import { type Server, createServer } from "node:http";

import { currentRequestScope } from "../src/request-scope";
import { afterEach, describe, expect, it } from "vitest";

import { createRequestLog } from "../src";
import { until } from "../src/testing";
import { captureLogs, listen } from "./support";

let server: Server;
afterEach(() => server.close());

/** A server whose handler logs on its own, then answers with the status the path names. */
async function start(options?: { scope: boolean }) {
  const { logger, records } = captureLogs();
  const logRequest = createRequestLog(logger, options);
  server = createServer((req, res) =>
    logRequest(req, res, () => {
      setTimeout(() => {
        const scope = currentRequestScope();
        if (scope && req.url?.includes("signed-in")) scope.userId = "42";
        logger.info("handler at work");
        res.statusCode = Number(/\/(\d{3})/.exec(req.url ?? "")?.[1] ?? 200);
        res.end();
      }, 5);
    }),
  );
  return { url: `http://127.0.0.1:${await listen(server)}`, records };
}

describe("request log", () => {
  it("gives each request an id, echoes it, and logs one line with status, duration and caller", async () => {
    const { url, records } = await start();
    const response = await fetch(`${url}/api/trpc/message.list/signed-in?input=%7B%22secret%22%3A1%7D`);
    const requestId = response.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await until(() => records().length === 3);
    const [startLine, handlerLine, requestLine] = records();
    expect(startLine).toMatchObject({ msg: "request started", level: 10, requestId, path: "/api/trpc/message.list/signed-in" });
    expect(handlerLine).toMatchObject({ msg: "handler at work", requestId, userId: "42" });
    expect(requestLine).toMatchObject({
      msg: "request",
      level: 30,
      requestId,
      userId: "42",
      method: "GET",
      path: "/api/trpc/message.list/signed-in",
      status: 200,
    });
    expect(requestLine?.ms).toEqual(expect.any(Number));
    expect(JSON.stringify(records())).not.toContain("secret");
  });

  it("without a scope, still logs the request's line, and its handler runs outside any scope", async () => {
    const { url, records } = await start({ scope: false });
    const response = await fetch(`${url}/api/ready/signed-in`);
    await until(() => records().length === 3);
    const [, handlerLine, requestLine] = records();
    expect(handlerLine).not.toHaveProperty("requestId");
    expect(requestLine).toMatchObject({ msg: "request", requestId: response.headers.get("x-request-id"), path: "/api/ready/signed-in", status: 200 });
  });

  it("keeps a well-formed forwarded id and replaces anything else", async () => {
    const { url } = await start();
    const kept = await fetch(url, { headers: { "x-request-id": "caddy-7f3a.1" } });
    expect(kept.headers.get("x-request-id")).toBe("caddy-7f3a.1");
    const replaced = await fetch(url, { headers: { "x-request-id": "<script>" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("logs server errors as errors and probes and static files quietly", async () => {
    const { url, records } = await start();
    await fetch(`${url}/fail/500`);
    await fetch(`${url}/api/ready`);
    await fetch(`${url}/_next/static/chunk.js`);
    await until(() => records().filter((record) => record.status).length === 3);
    const levels = records()
      .filter((record) => record.status)
      .map((record) => [record.path, record.level]);
    expect(levels).toEqual([
      ["/fail/500", 50],
      ["/api/ready", 20],
      ["/_next/static/chunk.js", 20],
    ]);
  });
});
