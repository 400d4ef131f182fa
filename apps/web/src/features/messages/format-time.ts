/** How message times read: relative while recent, then by day; the exact time is always on hover. */

const MINUTE = 60_000;

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

function daysBetween(earlier: Date, later: Date): number {
  return Math.round((startOfDay(later) - startOfDay(earlier)) / (24 * 60 * MINUTE));
}

export function formatClock(date: Date, locale?: string): string {
  return date.toLocaleTimeString(locale, { hour: "numeric", minute: "2-digit" });
}

/** "just now", "5 minutes ago", "Today at 14:03", "Yesterday at 09:12", "12/03/2025 14:03". */
export function formatRelative(date: Date, now: Date, locale?: string): string {
  const elapsed = now.getTime() - date.getTime();
  if (elapsed < MINUTE) return "just now";
  if (elapsed < 60 * MINUTE) {
    const minutes = Math.floor(elapsed / MINUTE);
    return `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  }
  const days = daysBetween(date, now);
  if (days === 0) return `Today at ${formatClock(date, locale)}`;
  if (days === 1) return `Yesterday at ${formatClock(date, locale)}`;
  return `${date.toLocaleDateString(locale)} ${formatClock(date, locale)}`;
}

/** "Tuesday, 11 March 2025 at 14:03", for the tooltip and screen readers. */
export function formatExact(date: Date, locale?: string): string {
  return date.toLocaleString(locale, { dateStyle: "full", timeStyle: "short" });
}

/** The label of a day separator: "Today", "Yesterday", or the date. */
export function formatDay(date: Date, now: Date, locale?: string): string {
  const days = daysBetween(date, now);
  if (days === 0) return "Today";
  if (days === 1) return "Yesterday";
  return date.toLocaleDateString(locale, { year: "numeric", month: "long", day: "numeric" });
}
