import type { useTranslations } from "next-intl";

/** The typing line under the composer; the viewer is never listed as typing to themselves. */
export function typingText(usernames: string[], t: ReturnType<typeof useTranslations<"messages.typing">>): string | null {
  const [first, second] = usernames;
  if (first === undefined) return null;
  if (usernames.length === 1) return t("one", { name: first });
  if (usernames.length === 2) return t("two", { first, second: second! });
  return t("several");
}
