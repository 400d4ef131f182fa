import { once } from "node:events";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import { connect } from "node:net";

import { afterEach, describe, expect, it } from "vitest";

import { type GracefulShutdown, handleShutdown } from "../src";
import { connectionRefused, slowPost } from "../src/testing";
import { captureLogs, listen } from "./support";

/** Echoes the request body once it has all arrived. */
function echo(req: IncomingMessage, res: ServerResponse) {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.once("end", () => res.end(`echo:${body}`));
}

let server: Server;
afterEach(() => {
  server.closeAllConnections();
  server.close();
});

async function start(options: { timeoutMs?: number; drain?: Array<() => Promise<void>>; close?: Array<() => Promise<void>> } = {}) {
  server = createServer(echo);
  const port = await listen(server);
  const { logger, records } = captureLogs();
  const exits: number[] = [];
  const events: string[] = [];
  const graceful: GracefulShutdown = handleShutdown({
    server,
    logger,
    timeoutMs: options.timeoutMs ?? 30_000,
    onStopping: () => events.push("stopping"),
    drain: options.drain,
    close: options.close,
    signals: [],
    exit: (code) => exits.push(code),
  });
  return { port, graceful, exits, events, records };
}

describe("graceful shutdown", () => {
  it("finishes the request in flight, refuses new connections, runs its steps in order and exits 0", async () => {
    const events: string[] = [];
    const step = (name: string) => async () => void events.push(name);
    const { port, graceful, exits, events: stopping } = await start({ drain: [step("drain")], close: [step("close app"), step("close database")] });
    const inFlight = slowPost(port, "/", "the body of a request in flight");
    await once(server, "request");

    const stopped = graceful.shutdown("test");
    expect(graceful.stopping).toBe(true);
    expect(stopping).toEqual(["stopping"]);
    expect(await connectionRefused(port)).toBe(true);
    expect(exits).toEqual([]); // still waiting for the request

    const response = await inFlight.finish();
    expect(response).toMatchObject({ status: 200, body: "echo:the body of a request in flight" });
    expect(response.headers.connection).toBe("close");
    expect(await stopped).toBe(0);
    expect(exits).toEqual([0]);
    expect(events).toEqual(["drain", "close app", "close database"]);
  });

  it("cuts what is still open once the bound has passed, and exits 1", async () => {
    const { port, graceful, exits, records } = await start({ timeoutMs: 200 });
    const stuck = slowPost(port, "/", "a body that never completes");
    await once(server, "request");
    expect(await graceful.shutdown("test")).toBe(1);
    await expect(stuck.response).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(exits).toEqual([1]);
    expect(records().map((record) => record.msg)).toContain("shutdown timed out: closing the remaining connections");
  });

  it("ends upgraded connections that the drain steps leave open", async () => {
    const { port, graceful } = await start();
    server.on("upgrade", (_req, socket) => socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: test\r\nConnection: Upgrade\r\n\r\n"));
    const socket = connect(port, "127.0.0.1");
    socket.write("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: test\r\nConnection: Upgrade\r\n\r\n");
    await once(socket, "data");
    expect(await graceful.shutdown("test")).toBe(0);
    if (!socket.closed) await once(socket, "close");
    expect(socket.closed).toBe(true);
  });

  it("exits 1 when a close step fails, after running the others", async () => {
    const ran: string[] = [];
    const { graceful, records } = await start({
      close: [async () => Promise.reject(new Error("database went away")), async () => void ran.push("after")],
    });
    expect(await graceful.shutdown("test")).toBe(1);
    expect(ran).toEqual(["after"]);
    expect(records().find((record) => record.msg === "shutdown step failed")).toMatchObject({ err: { message: "database went away" } });
  });
});
