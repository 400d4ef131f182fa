import { type DomainError, fail } from "./errors";
import type { Action } from "./permissions";

/** What a timed-out member may no longer do: they keep reading, but add nothing (typing counts as sending). */
const silencedActions: ReadonlySet<Action> = new Set<Action>(["message.send", "message.edit", "message.react", "attachment.create"]);

/** The refusal of `action` by a member timed out until a time still ahead, or null. */
export function timeoutRefusal(action: Action, actor: { timedOutUntil?: Date | null }, now = new Date()): DomainError | null {
  const until = actor.timedOutUntil;
  if (!until || until <= now || !silencedActions.has(action)) return null;
  return fail.forbidden(`You are timed out until ${until.toISOString()}`);
}
