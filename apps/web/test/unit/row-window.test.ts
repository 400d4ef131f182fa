import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { placeAt, rowAt, rowStarts, rowsAround, topOf } from "~/features/messages/row-window";

// Rows of 10, 20, 30 and 40 px: they start at 0, 10, 30 and 60, and end at 100.
const starts = rowStarts([10, 20, 30, 40]);
const keys = ["a", "b", "c", "d"];

const heights = fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 60 });

describe("the rows of a windowed list", () => {
  it("start where the rows above them end, the total last", () => {
    expect(starts).toEqual([0, 10, 30, 60, 100]);
    expect(rowStarts([])).toEqual([0]);
  });

  it("finds the row at a height, the first above the rows and the last below them", () => {
    expect([0, 9.5, 10, 29, 30, 99, 100].map((y) => rowAt(starts, y))).toEqual([0, 0, 1, 1, 2, 3, 3]);
    expect(rowAt(starts, -50)).toBe(0);
    expect(rowAt(starts, 1_000)).toBe(3);
    fc.assert(
      fc.property(heights, fc.double({ min: 0, max: 1, noNaN: true }), (sizes, fraction) => {
        const at = rowStarts(sizes);
        const y = fraction * (at.at(-1)! - 0.001);
        const row = rowAt(at, y);
        expect(at[row]!).toBeLessThanOrEqual(y);
        expect(at[row + 1]!).toBeGreaterThan(y);
      }),
    );
  });

  it("renders the rows in the view and the overscan on each side, within the list", () => {
    expect(rowsAround(starts, 15, 20, 0)).toEqual({ from: 1, to: 3 });
    expect(rowsAround(starts, 15, 20, 1)).toEqual({ from: 0, to: 4 });
    expect(rowsAround(starts, 65, 800, 12)).toEqual({ from: 0, to: 4 });
    expect(rowsAround(rowStarts([]), 0, 800, 12)).toEqual({ from: 0, to: 0 });
    // A view taller than the rows, kept at the bottom: its top is above the first row.
    expect(rowsAround(starts, -700, 800, 0)).toEqual({ from: 0, to: 4 });
  });

  it("keeps every row that touches the view among the rendered ones", () => {
    fc.assert(
      fc.property(heights, fc.nat(20_000), fc.integer({ min: 1, max: 2_000 }), fc.nat(15), (sizes, top, height, overscan) => {
        const at = rowStarts(sizes);
        const { from, to } = rowsAround(at, top, height, overscan);
        for (let row = 0; row < sizes.length; row += 1) {
          const inView = at[row + 1]! > top && at[row]! < top + height;
          if (inView) expect(row >= from && row < to).toBe(true);
        }
      }),
    );
  });

  it("holds the reader's place by a row and the distance into it", () => {
    expect(placeAt(keys, starts, 35)).toEqual({ key: "c", offset: 5 });
    expect(placeAt(keys, starts, -20)).toEqual({ key: "a", offset: -20 });
    expect(placeAt([], rowStarts([]), 0)).toBe("end");
    expect(topOf({ key: "c", offset: 5 }, keys, starts, 50)).toBe(35);
    expect(topOf({ key: "gone", offset: 5 }, keys, starts, 50)).toBeUndefined();
    // At the end, the view's bottom is the last row's.
    expect(topOf("end", keys, starts, 50)).toBe(50);
  });

  it("moves the view by the height of rows prepended above the reader's place, and by nothing else", () => {
    fc.assert(
      fc.property(heights, heights, fc.nat(1_000), (older, shown, into) => {
        const shownKeys = shown.map((_, index) => `shown-${index}`);
        const shownStarts = rowStarts(shown);
        const top = Math.min(into, shownStarts.at(-1)! - 1);
        const place = placeAt(shownKeys, shownStarts, top);
        const allKeys = [...older.map((_, index) => `older-${index}`), ...shownKeys];
        const prepended = rowStarts([...older, ...shown]);
        expect(topOf(place, allKeys, prepended, 600)).toBeCloseTo(top + prepended[older.length]!, 6);
      }),
    );
  });
});
