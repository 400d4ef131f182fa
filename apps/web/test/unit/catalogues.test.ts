import { describe, expect, it } from "vitest";

import { locales, negotiateLocale } from "~/i18n/locales";

import en from "../../messages/en.json";
import fr from "../../messages/fr.json";

type Catalogue = { [key: string]: string | Catalogue };
const catalogues: Record<(typeof locales)[number], Catalogue> = { en, fr };

/** Every message of a catalogue by its full key. */
function flatten(catalogue: Catalogue, prefix = ""): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") entries.set(path, value);
    else for (const [inner, message] of flatten(value, path)) entries.set(inner, message);
  }
  return entries;
}

/** The arguments a message interpolates (`{name}`, `{count, plural, …}`, `<link>…</link>`), which every language must use alike. */
function argumentsOf(message: string): string[] {
  const names = [...message.matchAll(/\{\s*(\w+)\s*[,}]/g), ...message.matchAll(/<(\w+)>/g)].map((match) => match[1]!);
  return [...new Set(names)].filter((name) => name !== "other" && name !== "one").sort();
}

describe("message catalogues", () => {
  const source = flatten(en);

  it.each(locales.filter((locale) => locale !== "en"))("%s has every English key and no other", (locale) => {
    const translated = flatten(catalogues[locale]);
    expect([...source.keys()].filter((key) => !translated.has(key)), "missing").toEqual([]);
    expect([...translated.keys()].filter((key) => !source.has(key)), "unknown").toEqual([]);
  });

  it.each(locales)("%s: no message is empty and each uses the English arguments", (locale) => {
    for (const [key, message] of flatten(catalogues[locale])) {
      expect(message.trim(), key).not.toBe("");
      expect(argumentsOf(message), key).toEqual(argumentsOf(source.get(key) ?? ""));
    }
  });
});

describe("the language of a request", () => {
  it("follows the browser's preferences by weight, a region falling back to its language", () => {
    expect(negotiateLocale("fr-CA,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(negotiateLocale("de-DE,de;q=0.9,fr;q=0.5,en;q=0.7")).toBe("en");
    expect(negotiateLocale("en;q=0.2, fr;q=0.8")).toBe("fr");
  });

  it("is English when nothing matches or nothing is said", () => {
    expect(negotiateLocale("de,ja")).toBe("en");
    expect(negotiateLocale(null)).toBe("en");
    expect(negotiateLocale("fr;q=0")).toBe("en");
  });
});
