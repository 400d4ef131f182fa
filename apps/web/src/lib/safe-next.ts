/** Where to go after logging in: a path on this site only, never another origin (open redirect). */
export function safeNext(next: string | string[] | undefined, fallback = "/channels"): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
