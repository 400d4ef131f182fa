import { type Database, type Transaction, and, categories, eq, serverMembers } from "@chat/db";
import { fail } from "@chat/policy/errors";

import { grantColumns, toMembership, withHeldRoles } from "../members/membership";
import type { CategoryRow } from "./dto";

/**
 * A category joined with the caller's membership in its server, in one statement: an unknown
 * category and one of a server the caller is not in give the same NOT_FOUND.
 */
export async function loadCategoryAccess(db: Database, categoryId: bigint, userId: bigint) {
  const [row] = await db
    .select({ ...grantColumns, category: categories })
    .from(categories)
    .innerJoin(serverMembers, and(eq(serverMembers.serverId, categories.serverId), eq(serverMembers.userId, userId)))
    .innerJoinLateral(...withHeldRoles)
    .where(eq(categories.id, categoryId));
  if (!row) throw fail.notFound("Category");
  return { category: row.category, membership: toMembership(row) };
}

/** A category of the server as it is now (under the layout lock), or NOT_FOUND: gone, or another server's. */
export async function findCategory(tx: Transaction, serverId: bigint, categoryId: bigint): Promise<CategoryRow> {
  const [category] = await tx.select().from(categories).where(and(eq(categories.id, categoryId), eq(categories.serverId, serverId)));
  if (!category) throw fail.notFound("Category");
  return category;
}
