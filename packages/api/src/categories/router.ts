/**
 * A server's channel categories: list, create, rename, move, delete. Positions live in
 * layout.ts, under the server's lock; every change reaches the sidebars of the members who see
 * the category, on `user.onEvent`.
 */
import { categories, eq, nextId } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { isAllowed } from "@chat/policy/permissions";
import { categoryIdInput, createCategoryInput, limits, moveCategoryInput, serverIdInput, updateCategoryInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { auditBy, recordAudit } from "../audit/record";
import { okOutput } from "../core/dto";
import { rest } from "../core/rest";
import { type Context, categoryProcedure, serverProcedure } from "../core/trpc";
import { signalVisibilityChange } from "../live/publish";
import { type CategoryActivity, publishActivity } from "../unread/activity";
import { findCategory } from "./access";
import { type CategoryDto, categoryOutput, toCategory } from "./dto";
import { categoryCount, deleteCategory, listCategories, lockLayout, moveCategory } from "./layout";

/** After a change commits, the server's members' sidebars follow (user.onEvent). */
function announce(ctx: Pick<Context, "realtime" | "log">, action: "created" | "updated" | "moved") {
  return (category: CategoryDto) => {
    void publishActivity(ctx, { type: "category", action, serverId: category.serverId, category } satisfies CategoryActivity);
    return category;
  };
}

export const categoryRouter = {
  /**
   * In order; the uncategorised channels come before the first. A member sees a category holding
   * a channel they can see; those who manage categories see every one (an empty one too).
   */
  list: serverProcedure("category.read", serverIdInput)
    .meta(
      rest("GET", "/servers/{serverId}/categories", {
        summary: "A server's channel categories, in order",
        description: "Those holding a channel you can see; all of them with Manage Channels.",
        errors: [400, 404],
      }),
    )
    .output(z.array(categoryOutput))
    .query(async ({ ctx }) => {
      const seenBy = isAllowed("category.manage", ctx.membership) ? undefined : ctx.user.id;
      return (await listCategories(ctx.db, ctx.membership.serverId, seenBy)).map(toCategory);
    }),

  /** A new category goes last. */
  create: serverProcedure("category.manage", createCategoryInput)
    .meta(rest("POST", "/servers/{serverId}/categories", { summary: "Create a category, last", errors: [400, 403, 404] }))
    .output(categoryOutput)
    .mutation(({ ctx, input }) =>
      ctx.db
        .transaction(async (tx) => {
          const serverId = ctx.membership.serverId;
          await lockLayout(tx, serverId);
          const position = await categoryCount(tx, serverId);
          if (position >= limits.categoriesPerServer.max) throw fail.badRequest(`A server has at most ${limits.categoriesPerServer.max} categories`);
          const [category] = await tx.insert(categories).values({ id: nextId(), serverId, name: input.name, position }).returning();
          await recordAudit(tx, { ...auditBy(ctx), action: "category.create", target: { id: category!.id, name: category!.name } });
          return toCategory(category!);
        })
        .then(announce(ctx, "created")),
    ),

  update: categoryProcedure("category.manage", updateCategoryInput)
    .meta(rest("PUT", "/categories/{categoryId}", { summary: "Rename a category", errors: [400, 403, 404] }))
    .output(categoryOutput)
    .mutation(({ ctx, input }) =>
      ctx.db
        .transaction(async (tx) => {
          const [category] = await tx.update(categories).set({ name: input.name }).where(eq(categories.id, ctx.category.id)).returning();
          if (!category) throw fail.notFound("Category");
          const details = { name: { from: ctx.category.name, to: category.name } };
          await recordAudit(tx, { ...auditBy(ctx), action: "category.update", target: { id: category.id, name: category.name }, details });
          return toCategory(category);
        })
        .then(announce(ctx, "updated")),
    ),

  /** Moves a category to `position` (past the end: last), shifting those between; answers every category, in order. */
  move: categoryProcedure("category.manage", moveCategoryInput)
    .meta(rest("PUT", "/categories/{categoryId}/position", { summary: "Move a category", errors: [400, 403, 404] }))
    .output(z.array(categoryOutput))
    .mutation(async ({ ctx, input }) => {
      const serverId = ctx.membership.serverId;
      const { moved, list } = await ctx.db.transaction(async (tx) => {
        await lockLayout(tx, serverId);
        const before = await findCategory(tx, serverId, ctx.category.id);
        const after = await moveCategory(tx, before, input.position);
        if (after.position !== before.position) {
          const details = { from: before.position, to: after.position };
          await recordAudit(tx, { ...auditBy(ctx), action: "category.move", target: { id: after.id, name: after.name }, details });
        }
        return { moved: after, list: await listCategories(tx, serverId) };
      });
      announce(ctx, "moved")(toCategory(moved));
      return list.map(toCategory);
    }),

  /** Its channels stay, uncategorised: they go after the uncategorised ones, in their order. */
  delete: categoryProcedure("category.manage", categoryIdInput)
    .meta(
      rest("DELETE", "/categories/{categoryId}", {
        summary: "Delete a category; its channels become uncategorised",
        description: "Its channels go to the end of the uncategorised channels, in their order.",
        errors: [400, 403, 404],
      }),
    )
    .output(okOutput)
    .mutation(async ({ ctx }) => {
      const serverId = ctx.membership.serverId;
      await ctx.db.transaction(async (tx) => {
        await lockLayout(tx, serverId);
        const category = await findCategory(tx, serverId, ctx.category.id);
        await deleteCategory(tx, category);
        await recordAudit(tx, { ...auditBy(ctx), action: "category.delete", target: { id: category.id, name: category.name } });
      });
      // Its synced channels lost its overwrites: who sees them may have changed.
      await signalVisibilityChange(ctx, serverId);
      void publishActivity(ctx, { type: "category", action: "deleted", serverId: String(serverId), category: { id: String(ctx.category.id) } });
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;
