import { type Action, builtInStanding, permissions } from "@chat/policy/permissions";
import type { Role } from "@chat/validators";

export interface Person {
  userId: string;
  role: Role;
}

/**
 * Whether the API would allow `actor` to do `action` (to `target`): the client asks the API's
 * own permission table, so that it shows exactly the controls the server accepts. People are
 * known here by their REST v1 role, read as the built-in roles mean it (custom roles: a later slice).
 */
export function can(action: Action, actor: Person | undefined, target?: { userId: string | null; role: Role | null }): boolean {
  if (!actor) return false;
  const refusal = permissions[action](
    { userId: BigInt(actor.userId), ...builtInStanding(actor.role) },
    target && {
      userId: target.userId === null ? null : BigInt(target.userId),
      ...(target.role ? builtInStanding(target.role) : { owner: false, rank: null }),
    },
  );
  return refusal === null;
}
