import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";

import { type Command, type ConnectionKind, type Reply } from "../clients/protocol";
import { inheritedEnvironment } from "./config";

const entry = path.join(import.meta.dirname, "../clients/client-process.ts");

/** One client process, asked to do things over IPC. */
class ClientProcess {
  readonly child: ChildProcess;
  private waiting: Array<{ kind: Reply["kind"]; resolve: (reply: Reply) => void }> = [];

  /** The connections this process reported open while connecting. */
  open = 0;

  constructor(onDelivered: (marker: number, at: number) => void, onProgress: () => void) {
    this.child = fork(entry, [], { execArgv: ["--import", "tsx"], env: inheritedEnvironment(), stdio: ["ignore", "inherit", "inherit", "ipc"] });
    this.child.on("message", (reply: Reply) => {
      if (reply.kind === "delivered") return onDelivered(reply.marker, reply.at);
      if (reply.kind === "progress") {
        this.open = reply.open;
        return onProgress();
      }
      const index = this.waiting.findIndex((w) => w.kind === reply.kind);
      if (index >= 0) this.waiting.splice(index, 1)[0]!.resolve(reply);
    });
  }

  ask<K extends Reply["kind"]>(command: Command, kind: K): Promise<Extract<Reply, { kind: K }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`client process exited (${code})`));
      this.child.once("exit", onExit);
      this.waiting.push({
        kind,
        resolve: (reply) => {
          this.child.off("exit", onExit);
          resolve(reply as Extract<Reply, { kind: K }>);
        },
      });
      this.child.send(command);
    });
  }
}

export interface DeliveryWaiter {
  /** Resolves with the time the last client process reported the marker delivered, or null after `timeoutMs`. */
  (marker: number, timeoutMs: number): Promise<number | null>;
}

/**
 * Client processes holding `count` connections between them: each reports when all its
 * connections have a message, and the pool when all processes have.
 */
export class ClientPool {
  private processes: ClientProcess[];
  private pending = new Map<number, { left: number; at: number; resolve?: (at: number) => void }>();

  /** `onProgress` hears the connections open so far while a large `connect` runs. */
  constructor(processCount: number, private onProgress: (open: number) => void = () => undefined) {
    this.processes = Array.from(
      { length: processCount },
      () => new ClientProcess((marker, at) => this.delivered(marker, at), () => this.onProgress(this.processes.reduce((sum, p) => sum + p.open, 0))),
    );
  }

  private delivered(marker: number, at: number) {
    const entry = this.pending.get(marker) ?? { left: this.active, at: 0 };
    entry.left -= 1;
    entry.at = Math.max(entry.at, at);
    this.pending.set(marker, entry);
    if (entry.left === 0) {
      this.pending.delete(marker);
      entry.resolve?.(entry.at);
      this.finished.set(marker, entry.at);
    }
  }

  /** Markers delivered everywhere before anyone waited for them. */
  private finished = new Map<number, number>();
  /** The processes that hold connections. */
  private active = 0;

  /** Opens `count` connections spread over the processes (and over `urls`, round robin). */
  async connect(kind: ConnectionKind, urls: string[], count: number, channelId: string, tokens: string[] = []) {
    for (const client of this.processes) client.open = 0;
    const per = Math.ceil(count / this.processes.length);
    const used = this.processes.filter((_, i) => i * per < count);
    this.active = used.length;
    const replies = await Promise.all(
      used.map((client, i) => {
        const share = Math.min(per, count - i * per);
        const command: Command = { cmd: "connect", kind, urls, tokens: tokens.slice(i * per, i * per + share), count: share, channelId, concurrency: 50 };
        return client.ask(command, "connected");
      }),
    );
    return { open: replies.reduce((sum, r) => sum + r.open, 0), failed: replies.reduce((sum, r) => sum + r.failed, 0), firstError: replies.find((r) => r.firstError)?.firstError };
  }

  waitDelivered: DeliveryWaiter = (marker, timeoutMs) => {
    const done = this.finished.get(marker);
    if (done !== undefined) {
      this.finished.delete(marker);
      return Promise.resolve(done);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), timeoutMs);
      const entry = this.pending.get(marker) ?? { left: this.active, at: 0 };
      entry.resolve = (at) => {
        clearTimeout(timer);
        this.finished.delete(marker);
        resolve(at);
      };
      this.pending.set(marker, entry);
    });
  };

  async totals() {
    const replies = await Promise.all(this.processes.map((client) => client.ask({ cmd: "totals" }, "totals")));
    return {
      received: replies.reduce((sum, r) => sum + r.received, 0),
      outOfOrder: replies.reduce((sum, r) => sum + r.outOfOrder, 0),
      closed: replies.reduce((sum, r) => sum + r.closed, 0),
      lastClose: replies.find((r) => r.lastClose)?.lastClose,
    };
  }

  async sample(): Promise<string | null> {
    const replies = await Promise.all(this.processes.map((client) => client.ask({ cmd: "sample" }, "sample")));
    return replies.find((r) => r.frame)?.frame ?? null;
  }

  async closeConnections(): Promise<void> {
    await Promise.all(this.processes.map((client) => client.ask({ cmd: "close" }, "closed")));
    this.pending.clear();
    this.finished.clear();
  }

  logins(command: Extract<Command, { cmd: "logins" }>) {
    return this.processes[0]!.ask(command, "logins");
  }

  async stop(): Promise<void> {
    for (const client of this.processes) client.child.kill("SIGKILL");
  }
}

/** How many client processes for `connections`: one per 2,500, at least two from 200 (two cores receive in parallel), at most 4. */
export function processesFor(connections: number): number {
  return Math.max(connections >= 200 ? 2 : 1, Math.min(4, Math.ceil(connections / 2_500)));
}
