import { rules, SimpleMarkdown } from "discord-markdown-parser";

/**
 * A message's text as Discord reads it. The package's own rules, less the ones for Discord's ids
 * (`<@123…>`, `<#123…>`, timestamps, commands; our mentions are `@name` in the text) but custom
 * emoji (`<:name:id>`),
 * plus masked links and lists, which Discord allows in messages but the package keeps out.
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

type Rules = Parameters<typeof SimpleMarkdown.parserFor>[0];
type Rule = Rules[string];

/** Whether the parser stands at the start of a line (`previous`: the text it consumed last). */
const atLineStart = (previous: string) => previous === "" || previous.endsWith("\n");

/**
 * Consecutive lines that start with `-`, `*` or `1.` and a space: one list, ended by any other line.
 * The last group is the final line break: the package's line-start rules (`-#` subtext) look for it.
 */
const listItem = String.raw` *(?:[*-]|\d{1,9}\.) +[^\n]*`;
const listLines = new RegExp(`^(?:${listItem}\n)*${listItem}(\n|$)`);
const bullet = /^ *([*-]|\d{1,9}\.) +/;
const list: Rule = {
  order: SimpleMarkdown.defaultRules.heading.order,
  match: (source, _state, previous) => (atLineStart(previous) ? listLines.exec(source) : null),
  parse: (capture, parse, state) => {
    const lines = (capture[0] ?? "").replace(/\n$/, "").split("\n");
    const first = bullet.exec(lines[0] ?? "")?.[1] ?? "-";
    return {
      ordered: first.endsWith("."),
      start: Number.parseInt(first, 10) || 1,
      items: lines.map((line) => parse(line.replace(bullet, ""), state)),
    };
  },
};

/**
 * `[text](target "title")`. Unlike simple-markdown's own rule, the text may not hold brackets (its
 * pattern for nested ones takes cubic time: a line of `[` froze the page); a masked link keeps its
 * source, so one whose target is refused is shown as typed.
 */
const maskedLink = /^\[((?:\\[\s\S]|[^[\]\\])+)\]\(\s*((?:\([^()\s]*\)|[^\s()[\]\\]|\\.)*)(?:\s+"([^"]*)")?\s*\)/;
const link: Rule = {
  ...SimpleMarkdown.defaultRules.link,
  match: SimpleMarkdown.inlineRegex(maskedLink),
  parse: (capture, parse, state) => ({ ...SimpleMarkdown.defaultRules.link.parse(capture, parse, state), source: capture[0] }),
};

/** Deep enough for any formatting a person writes; deeper, the rest is text (10,000 `*` overflowed the stack). */
const maxDepth = 8;
/** Lines that make a block: at the top of the message or in a quote, never inside other formatting. */
const lineBlocks = new Set(["heading", "subtext", "list"]);

/** A rule that counts how deep it nests, and stops matching past `maxDepth`. */
function bounded(name: string, rule: Rule): Rule {
  return {
    ...rule,
    match: (source, state, previous) => {
      const depth = (state.depth as number | undefined) ?? 0;
      if (depth >= maxDepth || (lineBlocks.has(name) && depth > (state.inQuote ? 1 : 0))) return null;
      return rule.match(source, state, previous);
    },
    parse: (capture, parse, state) => {
      state.depth = ((state.depth as number | undefined) ?? 0) + 1;
      try {
        return rule.parse(capture, parse, state);
      } finally {
        state.depth -= 1;
      }
    },
  };
}

const kept = [
  "blockQuote",
  "codeBlock",
  "heading",
  "subtext",
  "spoiler",
  "strong",
  "em",
  "underline",
  "strikethrough",
  "inlineCode",
  "url",
  "autolink",
  "escape",
  "emoticon",
  "emoji",
  "br",
];
const ours: Record<string, Rule> = { ...Object.fromEntries(kept.map((name) => [name, rules[name]!])), link, list };
const parser = SimpleMarkdown.parserFor({
  ...Object.fromEntries(Object.entries(ours).map(([name, rule]) => [name, bounded(name, rule)])),
  text: rules.text!, // always matches, so that anything past the depth limit is text
});

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
    return tidy(parser(source, { inline: true }) as MarkdownNode[]);
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
