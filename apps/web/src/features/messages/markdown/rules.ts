import type { MarkdownNode } from ".";
import type { Rule, State } from "./parser";

/*
 * Discord's grammar, as the rules of `discord-markdown-parser` (on simple-markdown's) wrote it, less
 * Discord's ids, plus masked links and lists. Their patterns are kept as they were: a message reads
 * as it did.
 */

/**
 * Whether the parser stands at the start of a line: what came before ends with a line break. (The
 * package asked headings and subtext whether the last group of what came before was one, so a
 * heading after a quote was text and one after `` `\n` `` mid-line a heading.)
 */
const atLineStart = ({ previous }: State) => previous === null || previous[0]!.endsWith("\n");

const regex = (pattern: RegExp) => (source: string) => pattern.exec(source);
const text = (content: string): MarkdownNode => ({ type: "text", content });
/** A node around what the first group holds. */
const around =
  (type: "strong" | "underline" | "strikethrough" | "spoiler" | "subtext"): Rule["parse"] =>
  (capture, state, parse) => ({ type, content: parse(capture[1]!, state) });

const heading: Rule = {
  lineBlock: true,
  match: (source, state) => (atLineStart(state) ? /^(#{1,3}) +([^\n]+?)(\n|$)/.exec(source) : null),
  parse: (capture, state, parse) => ({ type: "heading", level: capture[1]!.length, content: parse(capture[2]!.trim(), state) }),
};

const subtext: Rule = {
  lineBlock: true,
  match: (source, state) => (atLineStart(state) ? /^-# +([^\n]+?)(\n|$)/.exec(source) : null),
  parse: around("subtext"),
};

/**
 * Consecutive lines that start with `-`, `*` or `1.` and a space: one list, ended by any other line.
 * Like headings and subtext it takes its line break, so that the next line starts a line.
 */
const listItem = String.raw` *(?:[*-]|\d{1,9}\.) +[^\n]*`;
const listLines = new RegExp(`^(?:${listItem}\n)*${listItem}(\n|$)`);
const bullet = /^ *([*-]|\d{1,9}\.) +/;
const list: Rule = {
  lineBlock: true,
  match: (source, state) => (atLineStart(state) ? listLines.exec(source) : null),
  parse: (capture, state, parse) => {
    const lines = capture[0].replace(/\n$/, "").split("\n");
    const first = bullet.exec(lines[0]!)![1]!;
    const items = lines.map((line) => parse(line.replace(bullet, ""), state));
    return { type: "list", ordered: first.endsWith("."), start: Number.parseInt(first, 10) || 1, items };
  },
};

/** `> ` quotes its line and the following ones that start with it; `>>> ` the rest of the message. No quote in a quote. */
const blockQuote: Rule = {
  match: (source, state) => (atLineStart(state) && !state.inQuote ? /^( *>>> ([\s\S]*))|^( *> [^\n]*(\n *> [^\n]*)*\n?)/.exec(source) : null),
  parse: ([quote], state, parse) => {
    const content = quote.replace(/^ *>>> ?/.test(quote) ? /^ *>>> ?/ : /^ *> ?/gm, "");
    return { type: "blockQuote", content: parse(content, { ...state, inQuote: true }) };
  },
};

/**
 * `[text](target "title")`. The text may not hold brackets (simple-markdown's pattern for nested
 * ones takes cubic time: a line of `[` froze the page); a masked link keeps its source, so one whose
 * target is refused is shown as typed.
 */
const link: Rule = {
  match: regex(/^\[((?:\\[\s\S]|[^[\]\\])+)\]\(\s*((?:\([^()\s]*\)|[^\s()[\]\\]|\\.)*)(?:\s+"([^"]*)")?\s*\)/),
  parse: (capture, state, parse) => ({
    type: "link",
    content: parse(capture[1]!, state),
    target: capture[2]!.replace(/\\([^0-9A-Za-z\s])/g, "$1"),
    source: capture[0],
  }),
};

/** `*a*` or `_a_`. Emphasis inside emphasis is only its content. */
const em: Rule = {
  match: regex(/^\b_((?:__|\\[\s\S]|[^\\_])+?)_\b|^\*(?=\S)((?:\*\*|\\[\s\S]|\s+(?:\\[\s\S]|[^\s*\\]|\*\*)|[^\s*\\])+?)\*(?!\*)/),
  quality: (capture) => capture[0].length + 0.2,
  parse: (capture, state, parse) => {
    const content = parse(capture[2] ?? capture[1]!, { ...state, inEmphasis: true });
    return state.inEmphasis ? content : { type: "em", content };
  },
};

/** In the order they are tried. */
export const rules: Rule[] = [
  subtext,
  heading,
  list,
  { match: regex(/^\|\|([\s\S]+?)\|\|/), parse: around("spoiler") },
  {
    match: regex(/^```(([a-z0-9_+\-.#]+?)\n+)?\n*([^]+?)\n*```/i),
    parse: (capture) => ({ type: "codeBlock", lang: (capture[2] ?? "").trim(), content: capture[3]! }),
  },
  blockQuote,
  { match: regex(/^\\([^0-9A-Za-z\s])/), parse: (capture) => text(capture[1]!) },
  { match: regex(/^<([^: >]+:\/[^ >]+)>/), parse: (capture) => ({ type: "autolink", target: capture[1]! }) },
  { match: regex(/^(https?:\/\/[^\s<]+[^<.,:;"')\]\s])/), parse: (capture) => ({ type: "url", target: capture[1]! }) },
  link,
  em,
  { match: regex(/^\*\*((?:\\[\s\S]|[^\\])+?)\*\*(?!\*)/), quality: (capture) => capture[0].length + 0.1, parse: around("strong") },
  { match: regex(/^__((?:\\[\s\S]|[^\\])+?)__(?!_)/), quality: (capture) => capture[0].length, parse: around("underline") },
  {
    match: regex(/^<(a)?:(\w{2,32}):(\d{17,21})>/),
    parse: (capture) => ({ type: "emoji", animated: capture[1] === "a", name: capture[2]!, id: capture[3]! }),
  },
  { match: regex(/^~~([\s\S]+?)~~(?!_)/), parse: around("strikethrough") },
  // A backtick at either end of the code is written with a space between: `` `a` ``.
  { match: regex(/^(`+)([\s\S]*?[^`])\1(?!`)/), parse: (capture) => ({ type: "inlineCode", content: capture[2]!.replace(/^ (?= *`)|(` *) $/g, "$1") }) },
  { match: regex(/^\n/), parse: () => ({ type: "br" }) },
  // The shrug's `\_` is not an escape.
  { match: regex(/^¯\\_\(ツ\)_\/¯/), parse: (capture) => text(capture[0]) },
];
