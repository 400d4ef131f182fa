"use client";

import { type DragEvent, useEffect, useState } from "react";

/** Files dragged from elsewhere, never text or a link dragged within the page. */
const carriesFiles = (event: { dataTransfer: DataTransfer | null }) => !!event.dataTransfer?.types.includes("Files");

/**
 * Files dropped anywhere on an element (the conversation) go to `onDrop`; `dragging` says when to
 * show where. While `enabled`, a file dropped beside it is ignored rather than opened by the
 * browser in place of the app, draft and all.
 */
export function useFileDrop(enabled: boolean, onDrop: (files: File[]) => void) {
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    if (!enabled) return;
    const ignore = (event: globalThis.DragEvent) => {
      if (carriesFiles(event)) event.preventDefault();
    };
    window.addEventListener("dragover", ignore);
    window.addEventListener("drop", ignore);
    return () => {
      window.removeEventListener("dragover", ignore);
      window.removeEventListener("drop", ignore);
    };
  }, [enabled]);

  const handlers = {
    onDragEnter: (event: DragEvent) => {
      if (enabled && carriesFiles(event)) setDragging(true);
    },
    onDragOver: (event: DragEvent) => {
      if (!enabled || !carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
    },
    onDragLeave: (event: DragEvent) => {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop: (event: DragEvent) => {
      setDragging(false);
      if (!enabled || !carriesFiles(event)) return;
      event.preventDefault();
      onDrop([...event.dataTransfer.files]);
    },
  };
  return { dragging: enabled && dragging, handlers };
}
