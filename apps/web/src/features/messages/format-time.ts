import type { useTranslations } from "next-intl";

/** How message times read: relative while recent, then by day; the exact time is always on hover. */

/** The words of message times ("just now", "Today at …"), from the `messages.time` catalogue. */
export type TimeWords = ReturnType<typeof useTranslations<"messages.time">>;

const MINUTE = 60_000;

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

function daysBetween(earlier: Date, later: Date): number {
  return Math.round((startOfDay(later) - startOfDay(earlier)) / (24 * 60 * MINUTE));
}

/**
 * `date.toLocale…String(locale, options)` with a formatter kept per locale: each `toLocale…String`
 * call builds a formatter anew, and a row coming into view needs several.
 */
function keptFormat(options: Intl.DateTimeFormatOptions): (date: Date, locale: string) => string {
  const byLocale = new Map<string, Intl.DateTimeFormat>();
  return (date, locale) => {
    let formatter = byLocale.get(locale);
    if (!formatter) byLocale.set(locale, (formatter = new Intl.DateTimeFormat(locale, options)));
    return formatter.format(date);
  };
}

export const formatClock = keptFormat({ hour: "numeric", minute: "2-digit" });
const shortDate = keptFormat({});
const longDate = keptFormat({ year: "numeric", month: "long", day: "numeric" });

/** "just now", "5 minutes ago", "Today at 14:03", "Yesterday at 09:12", "12/03/2025 14:03". */
export function formatRelative(date: Date, now: Date, locale: string, t: TimeWords): string {
  const elapsed = now.getTime() - date.getTime();
  if (elapsed < MINUTE) return t("justNow");
  if (elapsed < 60 * MINUTE) return t("minutesAgo", { count: Math.floor(elapsed / MINUTE) });
  const days = daysBetween(date, now);
  const time = formatClock(date, locale);
  if (days === 0) return t("todayAt", { time });
  if (days === 1) return t("yesterdayAt", { time });
  return t("dateAt", { date: shortDate(date, locale), time });
}

/**
 * "Tuesday, 11 March 2025 at 14:03", for the tooltip and screen readers. Without a locale, the
 * browser's: callers outside the messages pass theirs as they move to the catalogues.
 */
export const formatExact = keptFormat({ dateStyle: "full", timeStyle: "short" });

/** The label of a day separator: "Today", "Yesterday", or the date. */
export function formatDay(date: Date, now: Date, locale: string, t: TimeWords): string {
  const days = daysBetween(date, now);
  if (days === 0) return t("today");
  if (days === 1) return t("yesterday");
  return longDate(date, locale);
}
