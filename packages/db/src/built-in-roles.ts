import { Permission, everyoneDefaults } from "@chat/policy/permission-flags";

import { nextId } from "./ids";
import type { roles } from "./schema";

/**
 * The roles every server starts with (migration 0009 gave servers of before the same): `@everyone`,
 * with the defaults, and "Admin", with ADMINISTRATOR, just above it. `@everyone` takes the
 * server's id, so that its id is known without a lookup.
 */
export function builtInRoles(serverId: bigint): Array<typeof roles.$inferInsert> {
  return [
    { id: serverId, serverId, name: "@everyone", position: 0, permissions: everyoneDefaults, builtIn: "everyone" },
    { id: nextId(), serverId, name: "Admin", position: 1, permissions: Permission.ADMINISTRATOR, builtIn: "admin" },
  ];
}
