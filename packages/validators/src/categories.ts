import { z } from "zod";

import { limits } from "./limits";
import { id, line } from "./primitives";

export const categoryName = line(limits.categoryName.min, limits.categoryName.max);
/** A place in a list; one past the end (or further) means the end. */
const position = z.coerce.number().int().min(0);

export const categoryIdInput = z.object({ categoryId: id });
export const createCategoryInput = z.object({ serverId: id, name: categoryName });
export const updateCategoryInput = z.object({ categoryId: id, name: categoryName });
export const moveCategoryInput = z.object({
  categoryId: id,
  position: position.meta({ description: "Its new place among the server's categories, from 0; past the end means last" }),
});
export const moveChannelInput = z.object({
  channelId: id,
  categoryId: id.nullable().meta({ description: "The category to put it in; null for the uncategorised channels, listed first" }),
  position: position.meta({ description: "Its new place in that group, from 0; past the end means last" }),
});
