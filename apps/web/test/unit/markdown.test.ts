import { describe, expect, it } from "vitest";

import { type MarkdownNode, parseMarkdown } from "~/features/messages/markdown";

const text = (content: string): MarkdownNode => ({ type: "text", content });

describe("parseMarkdown", () => {
  it("takes emphasis inside emphasis as its content, and the longest of bold, italics and underline first", () => {
    expect(parseMarkdown("*a _b_ c*")).toEqual([{ type: "em", content: [text("a b c")] }]);
    expect(parseMarkdown("***a***")).toEqual([{ type: "em", content: [{ type: "strong", content: [text("a")] }] }]);
    expect(parseMarkdown("__*a*__")).toEqual([{ type: "underline", content: [{ type: "em", content: [text("a")] }] }]);
  });

  it("makes headings, subtext and lists only at the start of a line, at the top or in a quote", () => {
    expect(parseMarkdown("**# x**")).toEqual([{ type: "strong", content: [text("# x")] }]);
    expect(parseMarkdown("**\n- a**")).toEqual([{ type: "strong", content: [{ type: "br" }, text("- a")] }]);
    expect(parseMarkdown("> # Title\n> - one\n> -# small")).toEqual([
      {
        type: "blockQuote",
        content: [
          { type: "heading", level: 1, content: [text("Title")] },
          { type: "list", ordered: false, start: 1, items: [[text("one")]] },
          { type: "subtext", content: [text("small")] },
        ],
      },
    ]);
    expect(parseMarkdown("- a\n  * b\n1. c")).toEqual([{ type: "list", ordered: false, start: 1, items: [[text("a")], [text("b")], [text("c")]] }]);
  });

  // The package asked headings and subtext about the last group of what came before, not its last character.
  it("starts a line after a quote's line, never after code or a spoiler that holds a line break", () => {
    expect(parseMarkdown("> a\n# b")).toEqual([{ type: "blockQuote", content: [text("a")] }, { type: "heading", level: 1, content: [text("b")] }]);
    expect(parseMarkdown("> a\n-# b")).toEqual([{ type: "blockQuote", content: [text("a")] }, { type: "subtext", content: [text("b")] }]);
    expect(parseMarkdown("`\n`# a")).toEqual([{ type: "inlineCode", content: "\n" }, text("# a")]);
    expect(parseMarkdown("||\n||-# a")).toEqual([{ type: "spoiler", content: [{ type: "br" }] }, text("-# a")]);
  });

  it("quotes `> ` lines and, with `>>> `, the rest of the message, with no quote inside", () => {
    expect(parseMarkdown("> a\n> b\nc")).toEqual([{ type: "blockQuote", content: [text("a"), { type: "br" }, text("b")] }, text("c")]);
    expect(parseMarkdown(">>> a\n> b")).toEqual([{ type: "blockQuote", content: [text("a"), { type: "br" }, text("> b")] }]);
    expect(parseMarkdown("a > b")).toEqual([text("a > b")]);
  });

  it("reads code blocks with their language, an unclosed fence as text, and Windows line ends and tabs", () => {
    expect(parseMarkdown("```py\nprint(1)\n```")).toEqual([{ type: "codeBlock", lang: "py", content: "print(1)" }]);
    expect(parseMarkdown("```\ncode")).toEqual([text("```"), { type: "br" }, text("code")]);
    expect(parseMarkdown("`` `a` ``")).toEqual([{ type: "inlineCode", content: "`a`" }]);
    expect(parseMarkdown("a\r\nb\tc")).toEqual([text("a"), { type: "br" }, text("b    c")]);
  });

  it("reads a masked link's target unescaped, without its title, and keeps what was typed", () => {
    const source = String.raw`[a](https://e.example/\(1\) "Title")`;
    expect(parseMarkdown(source)).toEqual([{ type: "link", content: [text("a")], target: "https://e.example/(1)", source }]);
    expect(parseMarkdown("[a [b]](https://e.example)")).toEqual([text("[a [b]]("), { type: "url", target: "https://e.example" }, text(")")]);
  });

  it("ends a bare link before trailing punctuation, and reads `word:x` and `<mailto:…>` as text", () => {
    expect(parseMarkdown("http://a.example, ok")).toEqual([{ type: "url", target: "http://a.example" }, text(", ok")]);
    expect(parseMarkdown("word:x <mailto:a@b.example>")).toEqual([text("word:x <mailto:a@b.example>")]);
  });

  it("reads animated custom emoji", () => {
    expect(parseMarkdown("<a:party:12345678901234567>")).toEqual([{ type: "emoji", animated: true, name: "party", id: "12345678901234567" }]);
  });

  it("stops nesting eight deep, the rest as text", () => {
    // Eight emphases inside one another, each taking a `*` at either end (inner ones are only their content).
    expect(parseMarkdown("*".repeat(40))).toEqual([{ type: "em", content: [text("*".repeat(24))] }]);
  });

  it("reads a 100,000-letter word as one text", () => {
    const word = "a".repeat(100_000);
    expect(parseMarkdown(word)).toEqual([text(word)]);
  });
});
