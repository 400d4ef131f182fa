/**
 * The arithmetic of a list that renders only the rows near the view: where each row starts, which row
 * is at a given height, which rows to render for a view, and the reader's place in row terms. Heights
 * are in pixels, measured or estimated; positions count from the top of the first row.
 */

/**
 * Where the reader is: following the newest row ("end"), or `offset` pixels below the top of the row
 * `key` (negative when the view's top is above the first row). A place by key survives rows being
 * added above it, which is how the reader keeps their place when older pages are prepended.
 */
export type Place = "end" | { key: string; offset: number };

/** Where each row starts: `starts[i]` for row i, and the total height as `starts[heights.length]`. */
export function rowStarts(heights: readonly number[]): number[] {
  const starts = [0];
  for (const height of heights) starts.push(starts.at(-1)! + height);
  return starts;
}

/** The row at height `y`: the first row above the rows, the last one below them. Needs one row at least. */
export function rowAt(starts: readonly number[], y: number): number {
  let low = 0;
  let high = starts.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= y) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The rows to render, as `rows.slice(from, to)`, for a view `height` tall from `top`: those in it and `overscan` more each side. */
export function rowsAround(starts: readonly number[], top: number, height: number, overscan: number): { from: number; to: number } {
  const count = starts.length - 1;
  if (count === 0) return { from: 0, to: 0 };
  return {
    from: Math.max(0, rowAt(starts, top) - overscan),
    to: Math.min(count, rowAt(starts, top + height) + 1 + overscan),
  };
}

/** The place of a view whose top is at `top`: the row there, and how far into it. An empty list follows what comes. */
export function placeAt(keys: readonly string[], starts: readonly number[], top: number): Place {
  if (keys.length === 0) return "end";
  const index = rowAt(starts, top);
  return { key: keys[index]!, offset: top - starts[index]! };
}

/** The top of the view at `place`, for a view `height` tall; undefined when the place's row is gone. */
export function topOf(place: Place, keys: readonly string[], starts: readonly number[], height: number): number | undefined {
  if (place === "end") return starts.at(-1)! - height;
  const index = keys.indexOf(place.key);
  return index < 0 ? undefined : starts[index]! + place.offset;
}
