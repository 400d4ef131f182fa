"use client";

import { usePathname } from "next/navigation";
import { type ReactNode, createContext, useContext, useEffect, useMemo, useState } from "react";

type ShellDialog = "createServer" | "joinServer" | "quickSwitcher" | null;

interface ShellState {
  /** The server and channel columns, which slide over the chat on narrow screens. */
  navOpen: boolean;
  setNavOpen: (open: boolean) => void;
  membersOpen: boolean;
  toggleMembers: () => void;
  dialog: ShellDialog;
  openDialog: (dialog: ShellDialog) => void;
}

const ShellContext = createContext<ShellState | null>(null);

/** What the layout shows (panels, the open dialog): view state only; data lives in the query cache. */
export function ShellProvider({ children }: { children: ReactNode }) {
  const [navOpen, setNavOpen] = useState(false);
  const [membersOpen, setMembersOpen] = useState(true);
  const [dialog, openDialog] = useState<ShellDialog>(null);
  const pathname = usePathname();

  // Choosing a channel on a phone brings the conversation back into view.
  useEffect(() => setNavOpen(false), [pathname]);
  // The member list starts open where there is room for it beside the conversation.
  useEffect(() => setMembersOpen(window.matchMedia("(min-width: 1024px)").matches), []);

  const value = useMemo(
    () => ({ navOpen, setNavOpen, membersOpen, toggleMembers: () => setMembersOpen((open) => !open), dialog, openDialog }),
    [navOpen, membersOpen, dialog],
  );
  return <ShellContext.Provider value={value}>{children}</ShellContext.Provider>;
}

export function useShell(): ShellState {
  const state = useContext(ShellContext);
  if (!state) throw new Error("useShell outside ShellProvider");
  return state;
}
