/**
 * The one contract both backends keep, run against each: files in a temporary folder, and a real
 * S3-compatible server (s3rver, over HTTP on a free port, checking SigV4 signatures).
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { contentDisposition, createStorage, type Storage, StorageKeyError, StorageNotFoundError, StorageTooLargeError } from "../src";
import { digestOf, randomBody } from "./support/bodies";
import { startS3Server } from "./support/s3-server";

const MiB = 1024 * 1024;

interface Backend {
  storage: Storage;
  /** Files left behind by the backend's own bookkeeping (temporary files, incomplete uploads). */
  leftovers: () => Promise<string[]>;
  stop: () => Promise<void>;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

const backends: Record<"disk" | "s3", () => Promise<Backend>> = {
  async disk() {
    const root = await mkdtemp(path.join(tmpdir(), "chat-storage-"));
    return {
      storage: createStorage({ kind: "disk", root }),
      leftovers: () => filesUnder(path.join(root, ".tmp")),
      stop: () => rm(root, { recursive: true, force: true }),
    };
  },
  async s3() {
    const server = await startS3Server();
    const storage = createStorage({ kind: "s3", ...server.config });
    return {
      storage,
      // s3rver keeps an incomplete multipart upload (its key, metadata and parts) under ._S3rver_uploads until it is completed or aborted.
      leftovers: async () => (await filesUnder(server.directory)).filter((file) => file.includes("_S3rver_uploads")),
      async stop() {
        await storage.close();
        await server.stop();
      },
    };
  },
};

describe.each(["disk", "s3"] as const)("%s storage", (kind) => {
  let backend: Backend;
  let storage: Storage;
  beforeAll(async () => {
    backend = await backends[kind]();
    storage = backend.storage;
  });
  afterAll(() => backend.stop());

  it("is the backend it says", () => {
    expect(storage.kind).toBe(kind);
  });

  it("streams a few MiB in and out: write, stat, readHead, read", async () => {
    const size = 12 * MiB + 12_345; // several S3 parts, and a last one that is not full
    const body = randomBody(size);
    await expect(storage.write("uploads/round-trip.bin", body.stream, { contentType: "application/octet-stream", maxBytes: 25 * MiB })).resolves.toEqual({ size });
    expect(await storage.stat("uploads/round-trip.bin")).toEqual({ size });

    const whole = await digestOf(await storage.read("uploads/round-trip.bin"));
    expect(whole).toEqual({ sha256: body.sha256(), size });

    const head = await storage.readHead("uploads/round-trip.bin", 4100);
    expect(head).toHaveLength(4100);
    const start = Buffer.alloc(4100);
    let filled = 0;
    for await (const chunk of await storage.read("uploads/round-trip.bin")) {
      filled += (chunk as Buffer).copy(start, filled);
      if (filled === start.length) break;
    }
    expect(head.equals(start)).toBe(true);
  });

  it("writes a small body, reads a head longer than it, and overwrites", async () => {
    await storage.write("a/b/small.txt", Readable.from([Buffer.from("hello ")]), { contentType: "text/plain", maxBytes: 100 });
    expect((await storage.readHead("a/b/small.txt", 4100)).toString()).toBe("hello ");
    await storage.write("a/b/small.txt", Readable.from([Buffer.from("bon"), Buffer.from("jour")]), { contentType: "text/plain", maxBytes: 7 });
    expect((await storage.readHead("a/b/small.txt", 4100)).toString()).toBe("bonjour");
    expect(await storage.stat("a/b/small.txt")).toEqual({ size: 7 });
  });

  it("keeps an empty body", async () => {
    await expect(storage.write("empty", Readable.from([]), { contentType: "text/plain", maxBytes: 10 })).resolves.toEqual({ size: 0 });
    expect(await storage.stat("empty")).toEqual({ size: 0 });
    expect(await storage.readHead("empty", 16)).toHaveLength(0);
  });

  it.each([
    ["a small body", 100, 101],
    ["a body past one S3 part", 6 * MiB, 13 * MiB],
  ])("rejects %s one byte too large, or more, and leaves nothing behind", async (_, maxBytes, size) => {
    for (const length of [maxBytes + 1, size]) {
      const key = `too-large/${maxBytes}-${length}`;
      const write = storage.write(key, randomBody(length).stream, { contentType: "application/octet-stream", maxBytes });
      await expect(write).rejects.toBeInstanceOf(StorageTooLargeError);
      expect(await storage.stat(key)).toBeNull();
      await expect(storage.read(key)).rejects.toBeInstanceOf(StorageNotFoundError);
    }
    expect(await backend.leftovers()).toEqual([]);
  });

  it("takes a body of exactly maxBytes", async () => {
    await expect(storage.write("exact", randomBody(1000).stream, { contentType: "application/octet-stream", maxBytes: 1000 })).resolves.toEqual({ size: 1000 });
  });

  it("leaves nothing when the body fails midway", async () => {
    async function* failing() {
      yield Buffer.alloc(64 * 1024, 1);
      throw new Error("client went away");
    }
    await expect(storage.write("broken", Readable.from(failing()), { contentType: "text/plain", maxBytes: MiB })).rejects.toThrow("client went away");
    expect(await storage.stat("broken")).toBeNull();
    expect(await backend.leftovers()).toEqual([]);
  });

  it("reports absent keys: stat null, read and readHead StorageNotFoundError", async () => {
    expect(await storage.stat("never/written")).toBeNull();
    await expect(storage.read("never/written")).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(storage.readHead("never/written", 10)).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it("deletes present and absent keys alike", async () => {
    await storage.write("to-delete/one", Readable.from([Buffer.from("1")]), { contentType: "text/plain", maxBytes: 10 });
    await storage.write("to-delete/two", Readable.from([Buffer.from("2")]), { contentType: "text/plain", maxBytes: 10 });
    await storage.delete(["to-delete/one", "to-delete/two", "to-delete/absent"]);
    expect(await storage.stat("to-delete/one")).toBeNull();
    expect(await storage.stat("to-delete/two")).toBeNull();
    await storage.delete(["to-delete/one"]);
    await storage.delete([]);
  });

  it("presigns an upload on S3 only: a PUT with the signed type and length lands, any other is refused", async () => {
    const bytes = Buffer.from("\x89PNG\r\n\x1a\n not really a picture");
    const target = await storage.presignUpload("presigned/up", { contentType: "image/png", size: bytes.length, expiresInSeconds: 60 });
    if (kind === "disk") {
      expect(target).toBeNull();
      return;
    }
    expect(target).toMatchObject({ method: "PUT", headers: { "Content-Type": "image/png" } });
    expect(new URL(target!.url).searchParams.get("X-Amz-SignedHeaders")?.split(";")).toEqual(expect.arrayContaining(["content-length", "content-type"]));
    const put = (body: Buffer, headers: Record<string, string>) => fetch(target!.url, { method: target!.method, body, headers });

    expect((await put(bytes.subarray(1), target!.headers)).status).toBe(403); // one byte short
    expect((await put(Buffer.concat([bytes, Buffer.from("!")]), target!.headers)).status).toBe(403); // one byte more
    expect((await put(bytes, { "Content-Type": "text/html" })).status).toBe(403); // another type
    expect(await storage.stat("presigned/up")).toBeNull();

    const accepted = await put(bytes, target!.headers);
    expect(accepted.status).toBe(200);
    expect(await storage.stat("presigned/up")).toEqual({ size: bytes.length });
    expect((await storage.readHead("presigned/up", 100)).equals(bytes)).toBe(true);
  });

  it.each([
    ["inline", true, "photo.png", "image/png"],
    ["as a download", false, "résumé (final) 'v2'.pdf", "application/pdf"],
  ])("presigns a download on S3 only, %s, with its type and name", async (_, inline, filename, contentType) => {
    const bytes = randomBody(300_000);
    await storage.write("presigned/down", bytes.stream, { contentType: "application/octet-stream", maxBytes: MiB });
    const url = await storage.presignDownload("presigned/down", { filename, contentType, inline, expiresInSeconds: 60 });
    if (kind === "disk") {
      expect(url).toBeNull();
      return;
    }
    const response = await fetch(url!);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(contentType);
    expect(response.headers.get("content-disposition")).toBe(contentDisposition(filename, inline));
    expect(await digestOf(Readable.fromWeb(response.body!))).toEqual({ sha256: bytes.sha256(), size: 300_000 });
    // The signature covers the overrides: a changed type is refused.
    const tampered = new URL(url!);
    tampered.searchParams.set("response-content-type", "text/html");
    expect((await fetch(tampered)).status).toBe(403);
  });

  it.each(["../escape", "/etc/passwd", "a/../../b", "a//b", "a/./b", ".hidden", ".tmp/x", "a\\b", "caf\u00e9", "a b", "a/", "", "x".repeat(513)])(
    "refuses the key %j on every operation",
    async (key) => {
      const body = Readable.from([Buffer.from("x")]);
      await expect(storage.write(key, body, { contentType: "text/plain", maxBytes: 10 })).rejects.toBeInstanceOf(StorageKeyError);
      await expect(storage.stat(key)).rejects.toBeInstanceOf(StorageKeyError);
      await expect(storage.read(key)).rejects.toBeInstanceOf(StorageKeyError);
      await expect(storage.readHead(key, 1)).rejects.toBeInstanceOf(StorageKeyError);
      await expect(storage.delete([key])).rejects.toBeInstanceOf(StorageKeyError);
    },
  );
});
