import { useTranslations } from "next-intl";

import { cn } from "~/lib/cn";

import { formatCount } from "./unread-cache";

/** The red count of mentions on a channel or a server. */
export function MentionBadge({ count, className }: { count: number; className?: string }) {
  const t = useTranslations("unread");
  if (count === 0) return null;
  const label = count >= 100 ? t("manyMentions") : t("mentions", { count });
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
