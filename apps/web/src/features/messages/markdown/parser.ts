import type { MarkdownNode } from ".";
import { rules } from "./rules";

/**
 * simple-markdown's way of parsing, which Discord's grammar is written for: at each point of the
 * source, the first rule that matches takes what it matches, text when none does.
 */
export interface State {
  /** What the last rule took, whole and by group, for the rules that look behind: null at the start. */
  previous: string[] | null;
  /** How many rules deep the parser is. */
  depth: number;
  inQuote: boolean;
  inEmphasis: boolean;
}

export type Parse = (source: string, state: State) => MarkdownNode[];

export interface Rule {
  match: (source: string, state: State) => RegExpExecArray | null;
  /** The node, or nodes, for what `match` took; `parse` parses what is inside. */
  parse: (capture: RegExpExecArray, state: State, parse: Parse) => MarkdownNode | MarkdownNode[];
  /** Neighbouring rules with a quality compete: the highest wins rather than the first (`***a***`). */
  quality?: (capture: RegExpExecArray) => number;
  /** A line that makes a block (heading, subtext, list): at the top of the message or in a quote only. */
  lineBlock?: true;
}

/** Deep enough for any formatting a person writes; deeper, the rest is text (10,000 `*` overflowed the stack). */
const maxDepth = 8;

/** The rule that takes the start of the source, and what it takes; none past the depth limit. */
function matchRule(source: string, state: State): { rule: Rule; capture: RegExpExecArray } | null {
  if (state.depth >= maxDepth) return null;
  let best: { rule: Rule; capture: RegExpExecArray; quality: number } | null = null;
  for (const rule of rules) {
    if (best && !(best.rule.quality && rule.quality)) break;
    if (rule.lineBlock && state.depth > (state.inQuote ? 1 : 0)) continue;
    const capture = rule.match(source, state);
    if (!capture) continue;
    const quality = rule.quality?.(capture) ?? 0;
    if (!best || quality > best.quality) best = { rule, capture, quality };
  }
  return best;
}

/**
 * How much is plain text: up to the next character that may start a construct, a line break, or a
 * word followed by `:` and more (a URL's scheme); at least one character, so that anything past the
 * depth limit is text. Written out: as a pattern (`\w+:\S` looked ahead of every letter) a long word
 * took quadratic time.
 */
function textLength(source: string): number {
  let wordEnd = 0;
  for (let index = 1; index < source.length; index++) {
    if (/[^0-9A-Za-z\s]|\n/.test(source[index]!)) return index;
    if (index < wordEnd) continue; // Inside a word already looked at.
    for (wordEnd = index; /\w/.test(source[wordEnd] ?? ""); wordEnd++);
    if (wordEnd > index && source[wordEnd] === ":" && /\S/.test(source[wordEnd + 1] ?? " ")) return index;
  }
  return source.length;
}

export const parse: Parse = (source, state) => {
  const out: MarkdownNode[] = [];
  while (source) {
    const matched = matchRule(source, state);
    let capture: string[];
    if (matched) {
      capture = matched.capture;
      state.depth += 1;
      const parsed = matched.rule.parse(matched.capture, state, parse);
      state.depth -= 1;
      if (Array.isArray(parsed)) for (const node of parsed) out.push(node);
      else out.push(parsed);
    } else {
      capture = [source.slice(0, textLength(source))];
      out.push({ type: "text", content: capture[0]! });
    }
    state.previous = capture;
    source = source.slice(capture[0]!.length);
  }
  return out;
};
