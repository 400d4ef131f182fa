import { Fragment, type ReactNode } from "react";

import { cn } from "~/lib/cn";

/** `@name` as the API finds it: after a start or a character that cannot be part of a name or address. */
const mentionToken = /(?<![\w.@])@[A-Za-z0-9_.]{2,32}/g;

interface MessageTextProps {
  content: string;
  /** Lower-cased usernames the API resolved this message's mentions to. */
  mentioned: Set<string>;
  mentionsEveryone: boolean;
  readerName: string | undefined;
}

/**
 * The message's text, with the mentions the API resolved highlighted (a name followed by a full
 * stop counts as the name, as on the server); a mention of the reader stands out more.
 */
export function MessageText({ content, mentioned, mentionsEveryone, readerName }: MessageTextProps) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of content.matchAll(mentionToken)) {
    const token = match[0].replace(/\.+$/, "");
    const name = token.slice(1).toLowerCase();
    const isEveryone = name === "everyone" && mentionsEveryone;
    if (!isEveryone && !mentioned.has(name)) continue;
    const self = isEveryone || name === readerName?.toLowerCase();
    parts.push(<Fragment key={`t${last}`}>{content.slice(last, match.index)}</Fragment>);
    parts.push(
      <span
        key={`m${match.index}`}
        data-mention={name}
        className={cn("rounded px-0.5 font-medium", self ? "bg-warning/25 text-[#f8d58a]" : "bg-brand/30 text-[#c9cdfb]")}
      >
        {token}
      </span>,
    );
    last = match.index + token.length;
  }
  parts.push(<Fragment key={`t${last}`}>{content.slice(last)}</Fragment>);
  return <>{parts}</>;
}
