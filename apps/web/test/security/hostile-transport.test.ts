/**
 * Hostile traffic below the API, against the real app server: header floods on HTTP, broken
 * WebSocket handshakes, frames that break the WebSocket protocol itself (unmasked, reserved
 * opcodes, bad UTF-8, fragmented control frames, absurd lengths), connection floods from one
 * address and one account, oversized bodies on every HTTP entry, and batch floods. Each gets a
 * 4xx or a closed socket with the protocol's (or the app's) close code, and the server keeps
 * answering health checks.
 * (Malformed JSON-RPC, bad connectionParams and oversized frames: packages/api/test/ws-safety.)
 */
import { randomBytes, randomInt } from "node:crypto";
import { once } from "node:events";
import { connect, type Socket } from "node:net";

import { TOO_MANY_CONNECTIONS_CLOSE_CODE } from "@chat/policy/close-codes";
import { parseEnv } from "@chat/env";
import { afterAll, describe, expect, inject, it } from "vitest";
import { WebSocket } from "ws";

import { useOwnClientAddress } from "../support/client-address";
import { restClient, signUp } from "../support/http";

const baseUrl = inject("baseUrl");
const { hostname, port } = new URL(baseUrl);
let tried = 0;

afterAll(() => console.log(`hostile transport: ${tried} hostile inputs tried`));

/** Opens a raw TCP connection, writes `request`, and collects everything until the server closes or `ms` pass. */
async function raw(request: Buffer | string, options: { ms?: number; then?: (socket: Socket, received: () => Buffer) => void } = {}) {
  tried++;
  const socket = connect(Number(port), hostname);
  const chunks: Buffer[] = [];
  socket.on("data", (chunk) => chunks.push(chunk));
  socket.on("error", () => undefined); // a reset is one of the acceptable answers
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.write(request);
  options.then?.(socket, () => Buffer.concat(chunks));
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => resolve(), options.ms ?? 5_000);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
  });
  socket.destroy();
  return Buffer.concat(chunks);
}

const statusOf = (response: Buffer) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response.toString("latin1"))?.[1] ?? 0);

async function healthy() {
  const response = await fetch(`${baseUrl}/api/health`);
  expect(response.status).toBe(200);
}

describe("header floods", () => {
  it("answers 431 to a header block over the limit, whether many headers or one huge one", async () => {
    const many = Array.from({ length: 5_000 }, (_, i) => `x-flood-${i}: ${"a".repeat(20)}\r\n`).join("");
    const huge = `x-huge: ${"a".repeat(128 * 1024)}\r\n`;
    for (const headers of [many, huge]) {
      const response = await raw(`GET /api/health HTTP/1.1\r\nHost: ${hostname}\r\n${headers}\r\n`);
      expect([0, 431]).toContain(statusOf(response)); // 431, or the socket closed before an answer
    }
    await healthy();
  });

  it("answers 400 to malformed request lines and headers", async () => {
    for (const request of ["GARBAGE\r\n\r\n", "GET / HTTP/1.1\r\nHost: x\r\nbad header line\r\n\r\n", "\u0000\u0001\u0002\r\n\r\n"]) {
      const response = await raw(request);
      expect([0, 400]).toContain(statusOf(response));
    }
    await healthy();
  });
});

const upgrade = (headers: Record<string, string>) =>
  `GET /api/ws HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
  Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("") +
  "\r\n";

const goodHandshake = {
  Upgrade: "websocket",
  Connection: "Upgrade",
  "Sec-WebSocket-Key": randomBytes(16).toString("base64"),
  "Sec-WebSocket-Version": "13",
};

describe("broken WebSocket handshakes", () => {
  it("answers them with a 4xx and no upgrade", async () => {
    const broken = [
      { ...goodHandshake, "Sec-WebSocket-Key": "" },
      { ...goodHandshake, "Sec-WebSocket-Key": "too-short" },
      { ...goodHandshake, "Sec-WebSocket-Version": "7" },
      { ...goodHandshake, "Sec-WebSocket-Protocol": "a, a" },
    ];
    for (const headers of broken) {
      const status = statusOf(await raw(upgrade(headers)));
      expect(status >= 400 && status < 500, `${JSON.stringify(headers)} → ${status}`).toBe(true);
    }
    await healthy();
  });
});

/** A client frame: FIN and opcode, masked unless told otherwise. */
function frame(firstByte: number, payload: Buffer, { masked = true, length = payload.length } = {}): Buffer {
  const mask = randomBytes(4);
  const body = masked ? Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!)) : payload;
  const lengthBytes =
    length < 126
      ? Buffer.from([(masked ? 0x80 : 0) | length])
      : Buffer.concat([Buffer.from([(masked ? 0x80 : 0) | 127]), Buffer.from(BigInt(length).toString(16).padStart(16, "0"), "hex")]);
  return Buffer.concat([Buffer.from([firstByte]), lengthBytes, masked ? mask : Buffer.alloc(0), body]);
}

/** The close code in the server's close frame, if it sent one after the 101. */
function closeCode(received: Buffer): number | null {
  const start = received.indexOf("\r\n\r\n");
  if (start < 0) return null;
  let offset = start + 4;
  while (offset + 2 <= received.length) {
    const opcode = received[offset]! & 0x0f;
    const length = received[offset + 1]! & 0x7f;
    if (opcode === 0x8) return length >= 2 ? received.readUInt16BE(offset + 2) : 1005;
    offset += 2 + length;
  }
  return null;
}

describe("frames that break the WebSocket protocol", () => {
  const cases: Array<[string, number, Buffer]> = [
    ["an unmasked text frame", 1002, frame(0x81, Buffer.from("hello"), { masked: false })],
    ["a reserved opcode", 1002, frame(0x83, Buffer.from("x"))],
    ["RSV1 without an extension", 1002, frame(0xc1, Buffer.from("x"))],
    ["invalid UTF-8 in a text frame", 1007, frame(0x81, Buffer.from([0xff, 0xfe, 0xfd]))],
    ["a fragmented ping", 1002, frame(0x09, Buffer.from("x"))],
    ["a continuation with nothing to continue", 1002, frame(0x80, Buffer.from("x"))],
    ["a frame claiming 2^53 bytes", 1009, frame(0x82, Buffer.alloc(0), { length: 2 ** 53 - 1 })],
  ];
  it.each(cases)("closes the connection on %s (%i)", async (_label, code, bytes) => {
    const received = await raw(upgrade({ ...goodHandshake, "Sec-WebSocket-Key": randomBytes(16).toString("base64") }), {
      then: (socket, soFar) => {
        const wait = setInterval(() => {
          if (!soFar().includes("\r\n\r\n")) return;
          clearInterval(wait);
          socket.write(bytes);
        }, 10);
      },
    });
    expect(statusOf(received)).toBe(101);
    expect(closeCode(received)).toBe(code);
    await healthy();
  });
});

describe("connection floods on /api/ws", () => {
  // The shared server runs with the default caps; this file connects from a loopback address of
  // its own, since the other test files open their sockets from 127.0.0.1 meanwhile.
  const { WS_MAX_CONNECTIONS_PER_USER: perUser, WS_MAX_CONNECTIONS_PER_ADDRESS: perAddress } = parseEnv({});
  const localAddress = useOwnClientAddress();
  const wsUrl = `${baseUrl.replace(/^http/, "ws")}/api/ws`;

  /** The status of an upgrade: 101 once the socket is open (then closed), else the HTTP refusal. */
  async function upgradeStatus(from = localAddress): Promise<number> {
    tried++;
    const socket = new WebSocket(wsUrl, { localAddress: from });
    const refused = once(socket, "unexpected-response").then(([, response]) => (response as { statusCode: number }).statusCode);
    const status = await Promise.race([once(socket, "open").then(() => 101), refused]);
    if (status === 101) socket.close();
    return status;
  }

  /** A socket signed in as `token`, with the server's verdict: null once `auth.me` answers, else how it closed. */
  async function connectAs(token: string) {
    tried++;
    const socket = new WebSocket(wsUrl, { localAddress, headers: { authorization: `Bearer ${token}` } });
    let refusal: { code: number; reason: string } | null | undefined;
    socket.once("close", (code, reason) => (refusal ??= { code, reason: String(reason) }));
    socket.on("message", (data) => {
      if (String(data).startsWith('{"id":1,"result"')) refusal ??= null;
    });
    await once(socket, "open");
    socket.send(JSON.stringify({ id: 1, method: "query", params: { path: "auth.me", input: { json: null } } }));
    await expect.poll(() => refusal !== undefined, { timeout: 10_000 }).toBe(true);
    return { socket, refusal };
  }

  it(`answers the upgrade past ${perAddress} open connections from one address with 429, and takes one again after a close`, async () => {
    const open: WebSocket[] = [];
    for (let i = 0; i < perAddress; i++) {
      const socket = new WebSocket(wsUrl, { localAddress });
      await once(socket, "open");
      open.push(socket);
    }
    tried += perAddress;
    expect(await upgradeStatus()).toBe(429);
    expect(await upgradeStatus(`127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`)).toBe(101);
    open[0]!.close();
    await expect.poll(() => upgradeStatus(), { timeout: 10_000 }).toBe(101);
    for (const socket of open) socket.close();
    await healthy();
  });

  it(`closes an account's connection past ${perUser} with 4429 "Too many connections", and takes one again after a close`, async () => {
    const user = await signUp(restClient(baseUrl), "tabs");
    const taken = [];
    for (let i = 0; i < perUser; i++) taken.push(await connectAs(user.token));
    expect(taken.map((connection) => connection.refusal)).toEqual(Array(perUser).fill(null));
    expect((await connectAs(user.token)).refusal).toEqual({ code: TOO_MANY_CONNECTIONS_CLOSE_CODE, reason: "Too many connections" });
    taken[0]!.socket.close();
    const retry = async () => {
      const connection = await connectAs(user.token);
      connection.socket.close();
      return connection.refusal;
    };
    await expect.poll(retry, { timeout: 10_000 }).toBeNull();
    for (const connection of taken) connection.socket.close();
    await healthy();
  });
});

/** Headers of a POST with a body to come: `length` declares it, else it is chunked. */
const post = (path: string, length?: number, extra = "") =>
  `POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\ncontent-type: application/json\r\n` +
  (length === undefined ? "transfer-encoding: chunked\r\n" : `content-length: ${length}\r\n`) +
  `${extra}\r\n`;
/** 2 MiB of a chunked body that never ends: the server must answer without waiting for the rest. */
const endlessChunks = () => `200000\r\n${"a".repeat(0x200000)}\r\n`;
const bodyOf = (response: Buffer) => response.toString("utf8").split("\r\n\r\n").slice(1).join("\r\n\r\n");
const attack = 200_000_000;
/** The server answers, drops what follows for a moment, then closes; the first call may wait for a dev compile. */
const refusal = (request: string) => raw(request, { ms: 60_000 });

describe("oversized bodies are refused before they are read (issue 13)", () => {
  it("tRPC: 413 in the tRPC error shape for a Content-Length of 200 MB, and for a chunked body past 1 MiB", async () => {
    const path = "/api/trpc/auth.login?batch=1";
    for (const response of [
      await refusal(post(path, attack) + '{"0":{"json":{"email":"a@example.com","password":"aaaa'),
      await refusal(post(path) + endlessChunks()),
    ]) {
      expect(statusOf(response)).toBe(413);
      expect(bodyOf(response)).toMatch(/"code":"PAYLOAD_TOO_LARGE","httpStatus":413/);
    }
    await healthy();
  });

  it("REST: 413 in the REST error shape for a Content-Length over 64 KiB, and for a chunked body past it", async () => {
    for (const response of [
      await refusal(post("/api/v1/auth/login", attack) + '{"email":"a@example.com","password":"aaaa'),
      await refusal(post("/api/v1/auth/login") + endlessChunks()),
    ]) {
      expect(statusOf(response)).toBe(413);
      expect(bodyOf(response)).toMatch(/\{"code":"PAYLOAD_TOO_LARGE","message":"Request bodies are limited to 65536 bytes"\}/);
    }
    await healthy();
  });

  it("pages and Server Actions: 413 for a Content-Length over 1 MiB, 411 for a chunked body, before Next.js reads it", async () => {
    const action = "next-action: 0123456789abcdef0123456789abcdef01234567\r\n";
    expect(statusOf(await refusal(post("/login", attack, action) + "aaaa"))).toBe(413);
    expect(statusOf(await refusal(post("/login", undefined, action) + endlessChunks()))).toBe(411);
    expect(statusOf(await refusal(post("/api/v1/../login", attack) + "aaaa"))).toBe(413);
    await healthy();
  });
});

describe("batch floods (issue 13)", () => {
  const batch = (calls: number) => fetch(`${baseUrl}/api/trpc/${Array.from({ length: calls }, () => "auth.me").join(",")}?batch=1`);

  it("runs a batch of 50 calls, and refuses 51 or 1,000 with a typed 400 before any runs", async () => {
    expect((await batch(50)).status).toBe(401); // every call ran, and asks to sign in
    for (const calls of [51, 1_000]) {
      tried++;
      const response = await batch(calls);
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/Batch call exceeds maximum size.*"code":"BAD_REQUEST","httpStatus":400/);
    }
  });
});
