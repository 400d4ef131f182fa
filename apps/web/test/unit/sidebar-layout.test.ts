import { describe, expect, it } from "vitest";

import { type Category, dropPlace, groupChannels, moveCategory, moveChannel, stepPlace } from "~/features/channels/sidebar-layout";

const channel = (id: string, categoryId: string | null, position: number) => ({ id, categoryId, position });
const category = (id: string, position: number): Category => ({ id, serverId: "1", name: `cat${id}`, position, createdAt: new Date(0) });

const channels = [channel("a", null, 0), channel("b", null, 1), channel("c", "X", 0), channel("d", "X", 1), channel("e", "Y", 0)];
const categories = [category("Y", 1), category("X", 0)];

/** Each group as "category: ids in order", asserting dense positions. */
function layout(list: typeof channels) {
  return groupChannels(list, categories).map(({ category: c, channels: inGroup }) => {
    expect(inGroup.map((ch) => ch.position)).toEqual(inGroup.map((_, i) => i));
    return `${c?.id ?? "-"}: ${inGroup.map((ch) => ch.id).join("")}`;
  });
}

describe("sidebar layout", () => {
  it("groups the uncategorised first, then categories by position", () => {
    expect(layout(channels)).toEqual(["-: ab", "X: cd", "Y: e"]);
  });

  it("moves within a group and between groups, clamping past the end, as the API does", () => {
    expect(layout(moveChannel(channels, "a", null, 1))).toEqual(["-: ba", "X: cd", "Y: e"]);
    expect(layout(moveChannel(channels, "a", "X", 1))).toEqual(["-: b", "X: cad", "Y: e"]);
    expect(layout(moveChannel(channels, "d", "Y", 99))).toEqual(["-: ab", "X: c", "Y: ed"]);
    expect(layout(moveChannel(channels, "e", null, 0))).toEqual(["-: eab", "X: cd", "Y: "]);
  });

  it("moves a category, clamped", () => {
    expect(moveCategory(categories, "X", 5).map((c) => [c.id, c.position])).toEqual([["Y", 0], ["X", 1]]);
  });

  it("drops before or after a row, counting the dragged row's own place", () => {
    expect(dropPlace(channel("a", null, 0), channel("b", null, 1), true)).toEqual({ categoryId: null, position: 1 });
    expect(dropPlace(channel("a", null, 0), channel("b", null, 1), false)).toEqual({ categoryId: null, position: 0 });
    expect(dropPlace(channel("a", null, 0), channel("d", "X", 1), false)).toEqual({ categoryId: "X", position: 1 });
  });

  it("steps with the keyboard across group edges", () => {
    const groups = groupChannels(channels, categories);
    expect(stepPlace(groups, "a", -1)).toBeNull();
    expect(stepPlace(groups, "b", 1)).toEqual({ categoryId: "X", position: 0 });
    expect(stepPlace(groups, "c", -1)).toEqual({ categoryId: null, position: 2 });
    expect(stepPlace(groups, "e", 1)).toBeNull();
  });
});
