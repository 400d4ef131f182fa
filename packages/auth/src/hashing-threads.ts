import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

import type { Options } from "@node-rs/argon2";

export type HashingJob = { kind: "hash"; password: string } | { kind: "verify"; hash: string; password: string };

/**
 * The thread's own code, a plain CommonJS string run with `eval`: no file beside the bundles to
 * ship, and nothing a bundler (Next.js, esbuild) rewrites. It lowers its own priority first (on
 * Linux a nice value is per thread), then hashes synchronously on that thread, one job at a time.
 */
const threadSource = `
const { parentPort, workerData } = require("node:worker_threads");
try { require("node:os").setPriority(workerData.niceness); } catch {}
const { hashSync, verifySync } = require(require.resolve("@node-rs/argon2", { paths: workerData.searchFrom }));
// A malformed stored hash is a failed check, not a crash.
const check = (hash, password) => { try { return verifySync(hash, password); } catch { return false; } };
parentPort.on("message", (job) => {
  try {
    const result = job.kind === "hash" ? hashSync(job.password, workerData.options) : check(job.hash, job.password);
    parentPort.postMessage({ result });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
});
`;

/**
 * Where the thread looks for @node-rs/argon2: beside this source file (the checkout, tsx, vitest
 * and the esbuild bundles, which keep `import.meta.url` pointing here), then beside the entry script
 * and the working folder (each app declares the package itself).
 */
function searchFolders(): string[] {
  const folders = [path.dirname(process.argv[1] ?? "."), process.cwd()];
  try {
    folders.unshift(path.dirname(fileURLToPath(import.meta.url)));
  } catch {
    // A bundler that left no file URL here: the other folders.
  }
  return folders;
}

/** One argon2 thread at a lowered priority; a crash fails the job it had, and the next job gets a new thread. */
export class HashingThread {
  private worker: Worker | undefined;

  constructor(private readonly settings: { options: Options; niceness: number }) {}

  run(job: HashingJob): Promise<string | boolean> {
    const worker = (this.worker ??= this.start());
    return new Promise((resolve, reject) => {
      const settle = (reply: { result?: string | boolean; error?: string }) => {
        stopListening();
        if (reply.error === undefined) resolve(reply.result!);
        else reject(new Error(reply.error));
      };
      const crashed = (error: Error) => {
        stopListening();
        reject(error);
      };
      const exited = (code: number) => crashed(new Error(`the hashing thread exited with code ${code}`));
      const stopListening = () => {
        worker.off("message", settle).off("error", crashed).off("exit", exited);
      };
      worker.once("message", settle).once("error", crashed).once("exit", exited);
      worker.postMessage(job);
    });
  }

  private start(): Worker {
    const worker = new Worker(threadSource, {
      eval: true,
      execArgv: [],
      workerData: { ...this.settings, searchFrom: searchFolders() },
    });
    worker.unref(); // an idle hashing thread does not keep the process alive
    worker.on("error", () => undefined); // the job's own listener reports it
    worker.once("exit", () => {
      if (this.worker === worker) this.worker = undefined;
    });
    return worker;
  }
}
