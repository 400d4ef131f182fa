"use client";

import { type RefObject, useLayoutEffect, useState } from "react";

/**
 * Where `target` starts inside the scrolling `container`, kept current as either resizes. The
 * virtualiser needs it (its `scrollMargin`) when other content sits above the virtual rows.
 */
export function useOffsetTop(container: RefObject<HTMLElement | null>, target: RefObject<HTMLElement | null>): number {
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    const outer = container.current;
    const inner = target.current;
    if (!outer || !inner) return;
    const measure = () => setOffset(inner.getBoundingClientRect().top - outer.getBoundingClientRect().top + outer.scrollTop);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(outer);
    for (const child of outer.children) if (child !== inner) observer.observe(child);
    return () => observer.disconnect();
  }, [container, target]);
  return offset;
}
