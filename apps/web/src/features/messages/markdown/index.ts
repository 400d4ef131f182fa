import { parse } from "./parser";

/**
 * A message's text as Discord reads it: bold, italics, underline, strikethrough, spoilers, code,
 * quotes, headings, subtext, lists, custom emoji (`<:name:id>`), bare and `<…>` links and masked
 * links. Not Discord's ids (`<@123…>`, `<#123…>`, timestamps, commands): our mentions are `@name`
 * in the text. Discord's grammar in a parser of our own (./parser.ts, ./rules.ts): the
 * `discord-markdown-parser` package brought all its rules and simple-markdown's HTML and React
 * output into the page, 10 kB gzip of the channel's JavaScript.
 */
export type MarkdownNode =
  | { type: "text"; content: string }
  | { type: "br" }
  | { type: "em" | "strong" | "underline" | "strikethrough" | "spoiler" | "subtext" | "blockQuote"; content: MarkdownNode[] }
  | { type: "heading"; level: number; content: MarkdownNode[] }
  | { type: "inlineCode"; content: string }
  | { type: "emoji"; animated: boolean; name: string; id: string }
  | { type: "codeBlock"; lang: string; content: string }
  | { type: "url" | "autolink"; target: string }
  | { type: "link"; target: string; content: MarkdownNode[]; source: string }
  | { type: "list"; ordered: boolean; start: number; items: MarkdownNode[][] };

const blocks = new Set<MarkdownNode["type"]>(["codeBlock", "blockQuote", "heading", "subtext", "list"]);

/**
 * Tidies the parser's output: neighbouring text runs joined (so `ana@example.com` is one run for the
 * mention finder), and the line break that ends a block or a quote dropped (the block breaks the line).
 */
function tidy(nodes: MarkdownNode[]): MarkdownNode[] {
  const out: MarkdownNode[] = [];
  for (const node of nodes) {
    const previous = out.at(-1);
    if (node.type === "text" && previous?.type === "text") out[out.length - 1] = { type: "text", content: previous.content + node.content };
    else if (node.type === "br" && previous && blocks.has(previous.type)) continue;
    else if (node.type === "list") out.push({ ...node, items: node.items.map(tidy) });
    else if ("content" in node && Array.isArray(node.content)) {
      const content = tidy(node.content);
      if (node.type === "blockQuote" && content.at(-1)?.type === "br") content.pop();
      out.push({ ...node, content } as MarkdownNode);
    } else out.push(node);
  }
  return out;
}

export function parseMarkdown(source: string): MarkdownNode[] {
  try {
    // Line breaks as `\n`, tabs as four spaces, as simple-markdown reads them.
    const text = source.replace(/\r\n?/g, "\n").replace(/\f/g, "").replace(/\t/g, "    ");
    return tidy(parse(text, { previous: null, depth: 0, inQuote: false, inEmphasis: false }));
  } catch {
    // A message the parser cannot take still shows, as typed, rather than breaking the channel.
    return [{ type: "text", content: source }];
  }
}

/** Only these schemes ever become a link; anything else (`javascript:`, `data:`, …) stays text. */
const safeProtocols = new Set(["http:", "https:", "mailto:"]);

/** The address to link to, or null when the target is not a well-formed http(s) or mailto URL. */
export function safeHref(target: string): string | null {
  if (!URL.canParse(target)) return null;
  const url = new URL(target);
  return safeProtocols.has(url.protocol) ? url.href : null;
}

/**
 * What the reader would see, with the formatting left out: for one-line previews (reply quotes,
 * notifications). A spoiler shows as `spoiler`, the reader's language's word for it.
 */
export function plainText(source: string, spoiler: string): string {
  const text = (nodes: MarkdownNode[]): string =>
    nodes
      .map((node) => {
        switch (node.type) {
          case "text":
          case "inlineCode":
            return node.content;
          case "br":
            return " ";
          case "codeBlock":
            return ` ${node.content} `;
          case "url":
          case "autolink":
            return node.target;
          case "spoiler":
            return spoiler;
          case "emoji":
            return `:${node.name}:`;
          case "list":
            return node.items.map(text).join(" ");
          case "heading":
          case "subtext":
          case "blockQuote":
            return ` ${text(node.content)} `;
          default:
            return text(node.content);
        }
      })
      .join("");
  return text(parseMarkdown(source)).replace(/\s+/g, " ").trim();
}
