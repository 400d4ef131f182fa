"use client";

import { useCallback, useEffect, useState } from "react";

const keyOf = (serverId: string) => `chat:collapsed-categories:${serverId}`;

function read(serverId: string): Set<string> {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(keyOf(serverId)) ?? "[]");
    return new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === "string") : []);
  } catch {
    // Storage blocked or a hand-edited value: everything open.
    return new Set();
  }
}

/** Which of a server's categories are collapsed, kept in this browser (localStorage) per server. */
export function useCollapsed(serverId: string): [Set<string>, (categoryId: string) => void] {
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  // Read after mount: the server render knows no localStorage, and the first client render must match it.
  useEffect(() => setCollapsed(read(serverId)), [serverId]);
  const toggle = useCallback(
    (categoryId: string) =>
      setCollapsed((current) => {
        const next = new Set(current);
        if (!next.delete(categoryId)) next.add(categoryId);
        try {
          localStorage.setItem(keyOf(serverId), JSON.stringify([...next]));
        } catch {
          // Storage full or blocked: the state still holds for this page.
        }
        return next;
      }),
    [serverId],
  );
  return [collapsed, toggle];
}
