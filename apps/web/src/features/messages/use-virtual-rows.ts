"use client";

import { type RefObject, useCallback, useLayoutEffect, useReducer, useRef, useState } from "react";
import { flushSync } from "react-dom";

import { type Place, placeAt, rowStarts, rowsAround, topOf } from "./row-window";

/** Rows rendered past each edge of the view once there is time, so that a scroll shows rows already laid out. */
const OVERSCAN = 12;
/** Rows past each edge that the view cannot do without: rendered at once, in the scroll event if need be. */
const NEAR = 2;
/** Rows added on each side per render on the way to the overscan: a frame lays out a few new rows, not a page of them. */
const GROW = 6;
/** A reader this close to the bottom (px) is reading the newest messages: the list follows new ones. */
const FOLLOW_WITHIN = 64;

export interface VirtualRows {
  /** For the scrolling element. */
  scrollRef: RefObject<HTMLDivElement | null>;
  /** For the element that holds the rendered rows, each row one child, padded by `before` and `after`. */
  rowsRef: RefObject<HTMLDivElement | null>;
  /** The rows to render: `rows.slice(from, to)`. */
  from: number;
  to: number;
  /** The height of the rows left out above and below, measured or estimated: the padding that keeps the scrollbar true. */
  before: number;
  after: number;
  /** Goes to the newest row, and follows new rows from there. */
  scrollToEnd: () => void;
}

/** What changes on every scroll and measure, kept outside React state: a render is wanted only when other rows must show. */
interface Tracking {
  place: Place;
  /** Measured heights by row key, kept as rows leave the DOM and when older rows are prepended. */
  measured: Map<string, number>;
  viewHeight: number;
  /** Where the rows begin in the scrolled content, below whatever sits above them. */
  rowsTop: number;
  /** The view's top relative to the rows when last seen: where to stay if the place's row goes. */
  top: number;
  /** What the DOM holds since the last commit. */
  shown: { keys: string[]; heights: number[]; starts: number[]; from: number; to: number };
  /** The render asked for after this task, to grow the rows toward the overscan. */
  soon: ReturnType<typeof setTimeout> | undefined;
}

/** Whether the view wants other rows rendered: "now" when it lacks rows it shows, "soon" when only the overscan is short. */
type Wanted = "now" | "soon" | undefined;

/**
 * A chat's list of rows of varying height, of which only those in and near the view are in the DOM.
 * It opens at the newest row and follows new rows while the reader is at the bottom; anywhere else
 * it keeps the reader's row where it is on screen when rows are added above it or rows above it
 * change height (`overflow-anchor` does this in some browsers only, and not across the padding that
 * stands for rows left out). Rows are estimated by `estimateSize` until they have rendered once.
 * The rows the view shows render at once; the overscan around them fills in a few rows per task
 * after, so that no frame renders and lays out a view's worth of new rows while the reader scrolls.
 */
export function useVirtualRows<Row extends { key: string }>(rows: readonly Row[], estimateSize: (row: Row) => number): VirtualRows {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowsRef = useRef<HTMLDivElement>(null);
  const [, rerender] = useReducer((renders: number) => renders + 1, 0);
  const [tracking] = useState<Tracking>(() => ({
    place: "end",
    measured: new Map(),
    viewHeight: 0,
    rowsTop: 0,
    top: 0,
    shown: { keys: [], heights: [], starts: [0], from: 0, to: 0 },
    soon: undefined,
  }));

  const keys = rows.map((row) => row.key);
  const heights = rows.map((row) => tracking.measured.get(row.key) ?? estimateSize(row));
  const starts = rowStarts(heights);
  const { from, to } = windowOf(tracking, keys, starts);

  // Rows for the overscan wait for a task of their own, so that they are laid out in a frame of their own.
  const renderFor = useCallback(
    (wanted: Wanted) => {
      if (wanted === "now") rerender();
      else if (wanted === "soon")
        tracking.soon ??= setTimeout(() => {
          tracking.soon = undefined;
          rerender();
        });
    },
    [tracking],
  );

  // After every commit, before the paint: the new rows measured and the view back at the reader's place.
  useLayoutEffect(() => {
    tracking.shown = { keys, heights, starts, from, to };
    renderFor(settle(tracking, scrollRef.current, rowsRef.current));
  });

  useLayoutEffect(() => {
    const scroller = scrollRef.current!;
    // In the scroll event, so that rows coming into view are rendered before that frame is painted.
    const onScroll = () => {
      const wanted = follow(tracking, scroller);
      if (wanted === "now") flushSync(rerender);
      else renderFor(wanted);
    };
    // Rows change height without a commit here (an image, a link preview), and so do the view and what sits
    // above the rows. Any row's change changes the holder's height. The render it may ask for comes after this
    // callback: changing observed boxes inside it would be a ResizeObserver loop.
    const observer = new ResizeObserver(() => renderFor(settle(tracking, scroller, rowsRef.current)));
    observer.observe(scroller);
    for (const child of scroller.children) observer.observe(child);
    scroller.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      observer.disconnect();
      scroller.removeEventListener("scroll", onScroll);
      clearTimeout(tracking.soon);
      tracking.soon = undefined;
    };
  }, [tracking, renderFor]);

  const scrollToEnd = useCallback(() => {
    tracking.place = "end";
    const scroller = scrollRef.current;
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
    rerender();
  }, [tracking]);

  return { scrollRef, rowsRef, from, to, before: starts[from]!, after: starts.at(-1)! - starts[to]!, scrollToEnd };
}

/** The rows the view cannot do without, and those it would have rendered beside them. */
function viewRows(tracking: Tracking, keys: readonly string[], starts: readonly number[]) {
  const top = topOf(tracking.place, keys, starts, tracking.viewHeight) ?? tracking.top;
  return { near: rowsAround(starts, top, tracking.viewHeight, NEAR), all: rowsAround(starts, top, tracking.viewHeight, OVERSCAN) };
}

/** Where the rows in the DOM are among `keys`, if any of them are near the view. */
function shownIn(tracking: Tracking, keys: readonly string[], near: { from: number; to: number }) {
  const { keys: was, from, to } = tracking.shown;
  if (from === to) return undefined;
  const first = keys[from] === was[from] ? from : keys.indexOf(was[from]!);
  const last = keys[to - 1] === was[to - 1] ? to - 1 : keys.indexOf(was[to - 1]!);
  return first < 0 || last < first || last + 1 < near.from || first > near.to ? undefined : { from: first, to: last + 1 };
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** The rows to render: those near the view, and those in the DOM grown by up to GROW rows each side toward the overscan. */
function windowOf(tracking: Tracking, keys: readonly string[], starts: readonly number[]) {
  const { near, all } = viewRows(tracking, keys, starts);
  const shown = shownIn(tracking, keys, near) ?? near;
  return { from: clamp(shown.from - GROW, all.from, near.from), to: clamp(shown.to + GROW, near.to, all.to) };
}

function otherRowsWanted(tracking: Tracking): Wanted {
  const { keys, starts, from, to } = tracking.shown;
  const { near, all } = viewRows(tracking, keys, starts);
  if (near.from < from || near.to > to) return "now";
  return all.from !== from || all.to !== to ? "soon" : undefined;
}

/**
 * After the DOM changed (a commit, a resize): measures the rendered rows, puts the view back at the
 * reader's place, and tells whether the view now wants other rows rendered.
 */
function settle(tracking: Tracking, scroller: HTMLElement | null, holder: HTMLElement | null): Wanted {
  // A hidden list measures every row as nothing: keep the heights it had until it shows again (a resize).
  if (!scroller || !holder || scroller.clientHeight === 0) return undefined;
  const { keys, heights, from, to } = tracking.shown;
  for (let index = from; index < to; index += 1) {
    const height = holder.children[index - from]!.getBoundingClientRect().height;
    heights[index] = height;
    tracking.measured.set(keys[index]!, height);
  }
  const starts = rowStarts(heights);
  tracking.shown.starts = starts;
  tracking.viewHeight = scroller.clientHeight;
  tracking.rowsTop = holder.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;

  let top = topOf(tracking.place, keys, starts, tracking.viewHeight);
  if (top === undefined) {
    // The reader's row is gone (deleted): the row now at the view's top becomes their place.
    top = scroller.scrollTop - tracking.rowsTop;
    tracking.place = placeAt(keys, starts, top);
  }
  const target = tracking.place === "end" ? scroller.scrollHeight - scroller.clientHeight : tracking.rowsTop + top;
  if (Math.abs(scroller.scrollTop - target) >= 1) scroller.scrollTop = target;
  tracking.top = scroller.scrollTop - tracking.rowsTop;
  return otherRowsWanted(tracking);
}

/** After the reader scrolled: their new place, and whether the view now wants other rows rendered. */
function follow(tracking: Tracking, scroller: HTMLElement): Wanted {
  const { scrollTop, scrollHeight, clientHeight } = scroller;
  tracking.top = scrollTop - tracking.rowsTop;
  tracking.place =
    scrollHeight - clientHeight - scrollTop <= FOLLOW_WITHIN ? "end" : placeAt(tracking.shown.keys, tracking.shown.starts, tracking.top);
  return otherRowsWanted(tracking);
}
