import { Parser } from "htmlparser2";

/** What a link preview shows: from the page's Open Graph tags, else its Twitter card, else its <title>. */
export interface LinkCard {
  url: string;
  title: string | null;
  description: string | null;
  siteName: string | null;
  imageUrl: string | null;
}

const LIMITS = { title: 256, description: 1024, siteName: 256 } as const;

/** Meta names and properties in the order they are preferred. */
const SOURCES = {
  title: ["og:title", "twitter:title"],
  description: ["og:description", "twitter:description", "description"],
  siteName: ["og:site_name", "application-name"],
  image: ["og:image:secure_url", "og:image", "og:image:url", "twitter:image", "twitter:image:src"],
} as const;

/**
 * Reads the card from a page's <head> (what follows <body> is ignored): text only, never rendered; lengths
 * cut, and the image kept only when it is an http(s) URL (resolved against the page's own).
 * Null when the page says nothing worth showing.
 */
export function extractCard(html: string, pageUrl: string): LinkCard | null {
  const meta = new Map<string, string>();
  let titleText = "";
  let inTitle = false;
  let inBody = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "body") inBody = true;
        if (inBody) return;
        if (name === "title") inTitle = true;
        if (name !== "meta") return;
        const key = (attributes.property ?? attributes.name ?? "").toLowerCase();
        const content = attributes.content;
        if (key && content !== undefined && !meta.has(key)) meta.set(key, content);
      },
      ontext(text) {
        if (inTitle && !inBody) titleText += text;
      },
      onclosetag(name) {
        if (name === "title") inTitle = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();

  const first = (keys: readonly string[]) => keys.map((key) => clean(meta.get(key))).find((value) => value !== null) ?? null;
  const card: LinkCard = {
    url: pageUrl,
    title: cut(first(SOURCES.title) ?? clean(titleText), LIMITS.title),
    description: cut(first(SOURCES.description), LIMITS.description),
    siteName: cut(first(SOURCES.siteName), LIMITS.siteName),
    imageUrl: httpUrl(first(SOURCES.image), pageUrl),
  };
  return card.title || card.description ? card : null;
}

function clean(value: string | undefined): string | null {
  const text = value?.replace(/\s+/g, " ").trim();
  return text ? text : null;
}

function cut(value: string | null, max: number): string | null {
  if (value === null || value.length <= max) return value;
  return `${value.slice(0, max - 1).trimEnd()}…`;
}

function httpUrl(value: string | null, base: string): string | null {
  if (value === null) return null;
  try {
    const url = new URL(value, base);
    return (url.protocol === "https:" || url.protocol === "http:") && url.href.length <= 2048 ? url.href : null;
  } catch {
    return null;
  }
}
