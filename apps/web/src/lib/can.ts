import { type Action, permissions } from "@chat/policy/permissions";
import type { Role } from "@chat/validators";

export interface Person {
  userId: string;
  role: Role;
}

/**
 * Whether the API would allow `actor` to do `action` (to `target`): the client asks the API's
 * own permission table, so that it shows exactly the controls the server accepts.
 */
export function can(action: Action, actor: Person | undefined, target?: { userId: string | null; role: Role | null }): boolean {
  if (!actor) return false;
  const refusal = permissions[action][actor.role](
    { userId: BigInt(actor.userId), role: actor.role },
    target && { userId: target.userId === null ? null : BigInt(target.userId), role: target.role },
  );
  return refusal === null;
}
