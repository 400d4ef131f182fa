import { now } from "../lib/stats";
import type { Command, Reply } from "./protocol";

/**
 * Logs in through the tRPC HTTP mutation (`auth.login`, argon2id on the server) as fast as
 * `concurrency` callers can for `durationMs`, cycling through the accounts. A 429 (the server's
 * hashing queue is full) is counted as refused and retried after its Retry-After, as a client would.
 */
export async function login(command: Extract<Command, { cmd: "logins" }>): Promise<Reply> {
  const latencies: number[] = [];
  let refused = 0;
  let failures = 0;
  let firstError: string | undefined;
  let next = 0;
  const until = Date.now() + command.durationMs;
  const caller = async () => {
    while (Date.now() < until) {
      const email = command.emails[next++ % command.emails.length]!;
      const started = now();
      const response = await fetch(`${command.url}/api/trpc/auth.login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: { email, password: command.password } }),
      }).catch((error: unknown) => error as Error);
      if (!(response instanceof Error) && response.status === 429) {
        refused += 1;
        await response.arrayBuffer();
        await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get("retry-after") ?? 1) * 1000));
        continue;
      }
      if (response instanceof Error || !response.ok) {
        failures += 1;
        firstError ??= response instanceof Error ? String(response) : `${response.status} ${await response.text()}`;
        continue;
      }
      await response.arrayBuffer();
      latencies.push(now() - started);
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, caller));
  return { kind: "logins", latencies, refused, failures, firstError };
}
