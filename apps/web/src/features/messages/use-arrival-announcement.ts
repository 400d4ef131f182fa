"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

import { useBlockedIds } from "../people/use-relationships";
import { arrivalText } from "./arrivals";
import type { ChatMessage } from "./message-cache";

/** After one announcement, what arrives within this long is told together, once it is over. */
const QUIET_MS = 3000;

/**
 * The text of the pane's polite live region: other people's new messages, one read out as it
 * arrives, then what arrives in the next few seconds counted in one announcement. The history the
 * pane opens with is not announced, nor the reader's own sends, system lines, or what blocked people say.
 */
export function useArrivalAnnouncement(
  newest: ChatMessage | undefined,
  readerId: string | undefined,
  nameOf: (message: ChatMessage) => string,
  place: string,
): string {
  const blocked = useBlockedIds();
  const t = useTranslations("messages");
  const [text, setText] = useState("");
  /** The newest message already dealt with (at first, the one the pane opened with). */
  const handled = useRef<string | undefined>(undefined);
  const held = useRef<ChatMessage[]>([]);
  const quietUntil = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const speak = useRef({ nameOf, place, t });
  speak.current = { nameOf, place, t };

  useEffect(() => {
    if (!newest || newest.delivery) return;
    const first = handled.current === undefined;
    if (newest.id === handled.current) return;
    handled.current = newest.id;
    if (first || newest.kind || !newest.author || newest.author.id === readerId || blocked.has(newest.author.id)) return;
    const now = Date.now();
    if (now >= quietUntil.current && !timer.current) {
      quietUntil.current = now + QUIET_MS;
      setText(arrivalText([newest], speak.current.nameOf, speak.current.place, speak.current.t));
      return;
    }
    held.current.push(newest);
    timer.current ??= setTimeout(
      () => {
        setText(arrivalText(held.current, speak.current.nameOf, speak.current.place, speak.current.t));
        held.current = [];
        quietUntil.current = Date.now() + QUIET_MS;
        timer.current = undefined;
      },
      Math.max(0, quietUntil.current - now),
    );
  }, [newest, readerId, blocked]);

  useEffect(() => () => clearTimeout(timer.current), []);
  return text;
}
