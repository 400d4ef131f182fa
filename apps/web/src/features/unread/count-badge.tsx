import { cn } from "~/lib/cn";

import { formatCount } from "./unread-cache";

/** The red count of mentions on a channel or a server. */
export function MentionBadge({ count, className }: { count: number; className?: string }) {
  if (count === 0) return null;
  const label = `${count >= 100 ? "over 99" : count} mention${count === 1 ? "" : "s"}`;
  return (
    <span
      aria-label={label}
      title={label}
      data-testid="mention-badge"
      className={cn("flex h-4 min-w-4 items-center justify-center rounded-full bg-danger px-1 text-[11px] leading-none font-bold text-white", className)}
    >
      {formatCount(count)}
    </span>
  );
}
