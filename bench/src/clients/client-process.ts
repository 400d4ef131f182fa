/**
 * A client process: opens WebSocket connections (tRPC subscriptions to `message.onEvent`, or
 * bare), counts what arrives, and runs login bursts, as the bench process asks over IPC. Clients
 * live apart from the servers (and in several processes) because file descriptors and CPU are
 * per process.
 */
import { WebSocket } from "ws";

import { now } from "../lib/stats";
import type { Command, Reply } from "./protocol";
import { login } from "./login";
import { type Tally, openConnection } from "./connection";

const connections: WebSocket[] = [];
const tally: Tally = { received: 0, outOfOrder: 0, closed: 0, sample: null, arrivals: new Map() };

function reply(message: Reply): void {
  process.send?.(message);
}

/** Connections still open: one the server closed will not receive, and must not hold up the others' report. */
const openCount = () => connections.length - tally.closed;

/** Reports the markers that every open connection has. */
function reportDelivered(): void {
  for (const [marker, seen] of tally.arrivals) {
    if (seen.count < openCount()) continue;
    tally.arrivals.delete(marker);
    reply({ kind: "delivered", marker, at: seen.at });
  }
}

/** Called for each message that arrived on some connection: reports the marker once all have it. */
function onArrival(marker: number): void {
  const at = now();
  const seen = tally.arrivals.get(marker) ?? { count: 0, at: 0 };
  seen.count += 1;
  seen.at = Math.max(seen.at, at);
  tally.arrivals.set(marker, seen);
  if (seen.count >= openCount()) {
    tally.arrivals.delete(marker);
    reply({ kind: "delivered", marker, at: seen.at });
  }
}

async function connect(command: Extract<Command, { cmd: "connect" }>): Promise<void> {
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const worker = async () => {
    while (next < command.count) {
      const index = next++;
      try {
        const url = command.urls[index % command.urls.length]!;
        connections.push(await openConnection(command.kind, url, command.tokens[index], command.channelId, tally, onArrival, reportDelivered));
        if (connections.length % 500 === 0) reply({ kind: "progress", open: connections.length });
      } catch (error) {
        failed += 1;
        firstError ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, worker));
  reply({ kind: "connected", open: connections.length, failed, firstError });
}

async function closeAll(): Promise<void> {
  tally.closed = 0;
  await Promise.all(
    connections.splice(0).map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          ws.once("close", () => resolve());
          ws.close();
          setTimeout(() => {
            ws.terminate();
            resolve();
          }, 5_000).unref();
        }),
    ),
  );
  reply({ kind: "closed" });
}

process.on("message", (command: Command) => {
  switch (command.cmd) {
    case "connect":
      return void connect(command);
    case "totals":
      return reply({ kind: "totals", received: tally.received, outOfOrder: tally.outOfOrder, closed: tally.closed, lastClose: tally.lastClose });
    case "sample":
      return reply({ kind: "sample", frame: tally.sample });
    case "close":
      return void closeAll();
    case "logins":
      return void login(command).then(reply);
  }
});
