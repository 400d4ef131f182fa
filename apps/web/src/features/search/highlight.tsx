import type { ReactNode } from "react";

/** Splits text into words as the server's search does (letters and digits), keeping what lies between. */
const WORD = /([\p{L}\p{N}]+)/u;

/** The text with every word that starts with one of the query's words marked, as the search matched it. */
export function highlight(text: string, query: string): ReactNode[] {
  const words = query.toLowerCase().split(WORD).filter((part, index) => index % 2 === 1);
  return text.split(WORD).map((part, index) =>
    index % 2 === 1 && words.some((word) => part.toLowerCase().startsWith(word)) ? (
      <mark key={index} className="rounded-sm bg-warning/30 text-strong">
        {part}
      </mark>
    ) : (
      part
    ),
  );
}
