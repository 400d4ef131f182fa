"use client";

import { type DragEvent, useRef, useState } from "react";

import { type Category, type Placed, dropPlace } from "./sidebar-layout";

type Dragged = { kind: "channel"; channel: Placed } | { kind: "category"; category: Category };

/** Where the pointer would drop: before or after a channel or category row, or into a group's top. */
export interface DropMark {
  id: string;
  after: boolean;
}

interface Moves {
  moveChannel(input: { channelId: string; categoryId: string | null; position: number }): void;
  moveCategory(input: { categoryId: string; position: number }): void;
}

const isLowerHalf = (event: DragEvent<HTMLElement>) => {
  const box = event.currentTarget.getBoundingClientRect();
  return event.clientY > box.top + box.height / 2;
};

/**
 * Native HTML5 drag and drop for the sidebar (no library: rows are one list per group, and the
 * browser's own events cover mouse and touch-enabled desktops; keyboard users have Alt+arrows).
 * Channels drop before or after a channel, or at the top of a group; categories before or after
 * another category.
 */
export function useSidebarDrag(moves: Moves) {
  const dragged = useRef<Dragged | null>(null);
  const [mark, setMark] = useState<DropMark | null>(null);

  const end = () => {
    dragged.current = null;
    setMark(null);
  };
  const start = (item: Dragged) => (event: DragEvent<HTMLElement>) => {
    dragged.current = item;
    event.dataTransfer.effectAllowed = "move";
    // Firefox starts a drag only with some data set.
    event.dataTransfer.setData("text/plain", item.kind === "channel" ? item.channel.id : item.category.id);
  };
  /** Handlers of a drop target: `accepts` says whether what is dragged may land here, `drop` lands it. */
  const target = (id: string, accepts: (item: Dragged) => boolean, drop: (item: Dragged, after: boolean) => void) => ({
    onDragOver(event: DragEvent<HTMLElement>) {
      if (!dragged.current || !accepts(dragged.current)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      const after = isLowerHalf(event);
      if (mark?.id !== id || mark.after !== after) setMark({ id, after });
    },
    onDrop(event: DragEvent<HTMLElement>) {
      const item = dragged.current;
      if (!item || !accepts(item)) return;
      event.preventDefault();
      drop(item, isLowerHalf(event));
      end();
    },
  });

  return {
    mark,
    dragChannel: (channel: Placed) => ({ draggable: true, onDragStart: start({ kind: "channel", channel }), onDragEnd: end }),
    dragCategory: (category: Category) => ({ draggable: true, onDragStart: start({ kind: "category", category }), onDragEnd: end }),
    /** A channel row: a channel lands before or after it. */
    channelTarget: (channel: Placed) =>
      target(
        channel.id,
        (item) => item.kind === "channel" && item.channel.id !== channel.id,
        (item, after) => item.kind === "channel" && moves.moveChannel({ channelId: item.channel.id, ...dropPlace(item.channel, channel, after) }),
      ),
    /** A group's heading: a channel lands at the group's top; a category before or after this one. */
    groupTarget: (category: Category | null) =>
      target(
        category?.id ?? "uncategorised",
        (item) => item.kind === "channel" || (category !== null && item.category.id !== category.id),
        (item, after) => {
          if (item.kind === "channel") return moves.moveChannel({ channelId: item.channel.id, categoryId: category?.id ?? null, position: 0 });
          if (!category) return;
          const position = category.position + (after ? 1 : 0) - (item.category.position < category.position ? 1 : 0);
          moves.moveCategory({ categoryId: item.category.id, position });
        },
      ),
  };
}

export type SidebarDrag = ReturnType<typeof useSidebarDrag>;
