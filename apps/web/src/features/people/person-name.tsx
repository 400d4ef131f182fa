"use client";

import dynamic from "next/dynamic";
import { type CSSProperties, type ReactNode, useRef, useState } from "react";
import { createPortal } from "react-dom";

import { cn } from "~/lib/cn";
import { useDismiss } from "~/lib/use-dismiss";

// Loaded when first opened: a name is read far more often than its card.
const ProfileCard = dynamic(() => import("./profile-card").then((module) => module.ProfileCard), { ssr: false });

interface PersonNameProps {
  userId: string | undefined;
  /** Where the name is seen: the card then offers what can be done there (a nickname). */
  serverId?: string;
  className?: string;
  style?: CSSProperties;
  children: ReactNode;
}

/** The card's size as laid out (w-72, and the tallest it grows): where it fits is decided before it renders. */
const CARD_WIDTH = 288;
const CARD_HEIGHT = 380;

/** A person's name that opens their profile card (Discord's popout) beside it when clicked. */
export function PersonName({ userId, serverId, className, style, children }: PersonNameProps) {
  const [at, setAt] = useState<{ top: number; left: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const card = useRef<HTMLElement>(null);
  useDismiss(at !== null, [button, card], () => setAt(null));
  if (!userId) return <span className={className} style={style}>{children}</span>;
  function toggle() {
    const rect = button.current?.getBoundingClientRect();
    if (at || !rect) return setAt(null);
    // In the viewport whatever scrolls or transforms around the name: a card near the bottom opens upwards.
    setAt({ top: Math.max(8, Math.min(rect.bottom + 4, window.innerHeight - CARD_HEIGHT - 8)), left: Math.min(rect.left, window.innerWidth - CARD_WIDTH - 8) });
  }
  return (
    <>
      <button ref={button} type="button" aria-expanded={at !== null} onClick={toggle} className={cn("hover:underline", className)} style={style}>
        {children}
      </button>
      {at && createPortal(<ProfileCard ref={card} userId={userId} serverId={serverId} at={at} />, document.body)}
    </>
  );
}
