/** The languages the web app speaks. English is the source: every other catalogue has exactly its keys. */
export const locales = ["en", "fr"] as const;
export type AppLocale = (typeof locales)[number];
export const defaultLocale: AppLocale = "en";

/** Each language named in itself, for the language setting. */
export const localeNames: Record<AppLocale, string> = { en: "English", fr: "Français" };

/** The cookie holding a chosen language; without it the browser's languages decide. */
export const localeCookie = "locale";

export function isLocale(value: string | undefined): value is AppLocale {
  return (locales as readonly string[]).includes(value ?? "");
}

/**
 * The best of our languages for an `Accept-Language` header: by the header's weights, a region
 * falling back to its language (`fr-CA` → `fr`), English when none matches.
 */
export function negotiateLocale(acceptLanguage: string | null): AppLocale {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const weight = params.find((param) => param.trim().startsWith("q="));
      return { language: tag.toLowerCase().split("-")[0], q: weight ? Number(weight.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((entry) => entry.language).find(isLocale) ?? defaultLocale;
}
