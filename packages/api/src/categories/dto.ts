import type { categories } from "@chat/db";
import { z } from "zod";

import { id, timestamp } from "../core/dto";

export const categoryOutput = z
  .object({
    id,
    serverId: id,
    name: z.string(),
    position: z.number().int().meta({ description: "Its place among the server's categories, from 0 (listed after the uncategorised channels)" }),
    createdAt: timestamp,
  })
  .meta({ id: "Category" });

export type CategoryDto = z.infer<typeof categoryOutput>;
export type CategoryRow = typeof categories.$inferSelect;

export function toCategory(category: CategoryRow): CategoryDto {
  return {
    id: String(category.id),
    serverId: String(category.serverId),
    name: category.name,
    position: category.position,
    createdAt: category.createdAt,
  };
}
