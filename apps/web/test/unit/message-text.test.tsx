import { cleanup, fireEvent, screen } from "@testing-library/react";
import fc from "fast-check";
import { NextIntlClientProvider } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";

import { plainText } from "~/features/messages/markdown";
import { type Mention, MessageText } from "~/features/messages/message-text";

import en from "../../messages/en.json";
import { renderIntl } from "./support/intl";

afterEach(cleanup);

function renderText(content: string, mentioned: ReadonlyMap<string, Mention>, mentionsEveryone = false, readerName = "ana") {
  const { container } = renderIntl(
    <div>
      <MessageText content={content} mentioned={mentioned} mentionsEveryone={mentionsEveryone} readerName={readerName} />
    </div>,
  );
  // The text is as typed but for the names of members who go by another name here.
  if ([...mentioned].every(([username, { name }]) => username === name.toLowerCase())) expect(container.textContent).toBe(content);
  return [...container.querySelectorAll<HTMLElement>("[data-mention]")];
}

/** The mentions shown; `mentioned` are usernames, or [username, the name they go by]. */
function mentionsIn(content: string, mentioned: Array<string | [string, string]>, mentionsEveryone = false, readerName = "ana") {
  const names = new Map(mentioned.map((entry) => (typeof entry === "string" ? [entry, { name: entry }] : [entry[0], { name: entry[1] }])));
  return renderText(content, names, mentionsEveryone, readerName).map((span) => span.textContent);
}

/** The message as static HTML, as React would put it in the page. */
const markup = (content: string, mentioned: string[] = []) =>
  renderToStaticMarkup(
    <NextIntlClientProvider locale="en" messages={en} timeZone="UTC">
      <MessageText content={content} mentioned={new Map(mentioned.map((name) => [name, { name }]))} mentionsEveryone={false} readerName="ana" />
    </NextIntlClientProvider>,
  );

describe("message text: mentions", () => {
  it("highlights only the mentions the API resolved, in any letter case, a trailing full stop aside", () => {
    expect(mentionsIn("hi @Ana and @bob, thanks @carl.", ["ana", "carl"])).toEqual(["@Ana", "@carl"]);
  });

  it("shows a member by the name they go by here: nickname, else display name", () => {
    expect(mentionsIn("hi @ana and @bob", [["ana", "Ana María"], "bob"])).toEqual(["@Ana María", "@bob"]);
  });

  it("leaves email addresses and unresolved names as text", () => {
    expect(mentionsIn("mail ana@example.com or @nobody", ["ana"])).toEqual([]);
  });

  it("highlights @everyone only when it mentioned everyone", () => {
    expect(mentionsIn("@everyone look", [], true)).toEqual(["@everyone"]);
    expect(mentionsIn("@everyone look", [], false)).toEqual([]);
  });

  it("colours a mention of someone else as their name (their highest coloured role), never one of the reader", () => {
    const [bob, ana] = renderText("@bob and @ana", new Map([["bob", { name: "bob", colour: "#e91e63" }], ["ana", { name: "ana", colour: "#3498db" }]]));
    expect(bob!.style.color).toBe("#e91e63");
    expect(ana!.style.color).toBe("");
  });

  it("highlights mentions inside formatting too", () => {
    expect(markup("**hi @ana**", ["ana"])).toContain('<strong class="font-bold"><span>hi <span data-mention="ana"');
  });
});

describe("message text: Discord's Markdown", () => {
  it.each([
    ["**bold**", "<strong", "bold</strong>"],
    ["*italic*", "<em>italic</em>", ""],
    ["_italic_", "<em>italic</em>", ""],
    ["__underline__", "<u>underline</u>", ""],
    ["~~strike~~", "<s>strike</s>", ""],
    ["`a < b`", "<code", "a &lt; b</code>"],
    ["***both***", "<em><strong", "both</strong></em>"],
    ["# Title", "<h1", "Title</h1>"],
    ["## Part", "<h2", "Part</h2>"],
    ["### Small", "<h3", "Small</h3>"],
    ["-# fine print", "<small", "fine print</small>"],
  ])("%s", (source, opening, closing) => {
    const html = markup(source);
    expect(html).toContain(opening);
    expect(html).toContain(closing);
  });

  it("keeps four hashes, a hash without a space and a hash mid-line as text", () => {
    for (const source of ["#### four", "#tag", "not # a title"]) expect(markup(source)).toBe(source.replaceAll("#", "#"));
  });

  it("renders a fenced code block as it is, formatting characters and all", () => {
    const html = markup("```js\nconst a = **1**;\n```");
    expect(html).toMatch(/^<pre data-code-block="js"[^>]*><code>const a = \*\*1\*\*;<\/code><\/pre>$/);
    expect(markup("```\nplain\n```")).toMatch(/^<pre class="[^"]*"><code>plain<\/code><\/pre>$/);
  });

  it("colours a block's code once the highlighter has loaded, leaving an unknown language plain", async () => {
    const { container } = renderIntl(<MessageText content={"```ts\nconst n: number = 1;\n```"} mentioned={new Map()} mentionsEveryone={false} readerName="" />);
    expect((await screen.findByText("const")).className).toContain("text-[#ff7b72]");
    expect(container.textContent).toBe("const n: number = 1;");
    renderIntl(<MessageText content={"```klingon\nqapla'\n```"} mentioned={new Map()} mentionsEveryone={false} readerName="" />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getByText("qapla'").tagName).toBe("CODE");
  });

  it("quotes one line with `> ` and the rest of the message with `>>> `", () => {
    expect(markup("> quoted\nnot")).toMatch(/^<blockquote[^>]*>quoted<\/blockquote>not$/);
    expect(markup("> one\n> two")).toMatch(/^<blockquote[^>]*>one<br\/>two<\/blockquote>$/);
    expect(markup(">>> all\nof it")).toMatch(/^<blockquote[^>]*>all<br\/>of it<\/blockquote>$/);
    expect(markup(">no space")).toBe("&gt;no space");
  });

  it("makes lists of lines that start with a bullet or a number, ending at the first other line", () => {
    expect(markup("- one\n- **two**\nafter")).toMatch(/^<ul[^>]*><li>one<\/li><li><strong[^>]*>two<\/strong><\/li><\/ul>after$/);
    expect(markup("3. three\n4. four")).toMatch(/^<ol start="3"[^>]*><li>three<\/li><li>four<\/li><\/ol>$/);
    expect(markup("not - a list")).toBe("not - a list");
    expect(markup("- item\n-# small print")).toMatch(/^<ul[^>]*><li>item<\/li><\/ul><small[^>]*>small print<\/small>$/);
  });

  it("hides a spoiler until it is clicked, or Enter or Space is pressed on it", () => {
    renderIntl(<MessageText content="the end: ||he lives|| and ||she too||" mentioned={new Map()} mentionsEveryone={false} readerName="" />);
    const [first, second] = screen.getAllByRole("button", { name: /Spoiler/ });
    expect(first!.tabIndex).toBe(0);
    expect(first!.firstElementChild!.hasAttribute("inert")).toBe(true);
    fireEvent.click(first!);
    expect(screen.getByText("he lives").closest("[data-spoiler]")!.getAttribute("data-spoiler")).toBe("shown");
    fireEvent.keyDown(second!, { key: "Enter" });
    expect(screen.queryAllByRole("button", { name: /Spoiler/ })).toHaveLength(0);
  });

  it("takes a backslash as an escape", () => {
    expect(markup("\\*not italic\\* \\|\\|nor hidden\\|\\| \\`code\\`")).toBe("*not italic* ||nor hidden|| `code`");
    expect(markup("¯\\_(ツ)_/¯")).toBe("¯\\_(ツ)_/¯");
  });
});

describe("message text: links", () => {
  it("links bare http(s) addresses into a new tab, without referrer or endorsement", () => {
    expect(markup("see https://example.com/a?b=1. ok")).toBe(
      'see <a href="https://example.com/a?b=1" target="_blank" rel="noopener noreferrer nofollow" class="text-[#00a8fc] hover:underline">https://example.com/a?b=1</a>. ok',
    );
    expect(markup("<https://example.com>")).toContain('href="https://example.com/"');
  });

  it("links a masked link, which asks before leaving and shows the real address", () => {
    renderIntl(<MessageText content="[the docs](https://evil.example/x)" mentioned={new Map()} mentionsEveryone={false} readerName="" />);
    const link = screen.getByRole("link", { name: "the docs" });
    expect(link.getAttribute("rel")).toBe("noopener noreferrer nofollow");
    fireEvent.click(link);
    const dialog = screen.getByRole("dialog", { hidden: true });
    expect(dialog.textContent).toContain("Leaving Chat RTC");
    expect(dialog.textContent).toContain("https://evil.example/x");
    expect(screen.getByRole("link", { name: "Visit site", hidden: true }).getAttribute("href")).toBe("https://evil.example/x");
  });

  it("allows mailto in a masked link", () => {
    expect(markup("[mail me](mailto:ana@example.com)")).toContain('href="mailto:ana@example.com"');
  });

  it("shows a masked link to any other scheme as the text that was typed", () => {
    for (const source of ["[x](javascript:alert(1))", "[x](data:text/html,<script>alert(1)</script>)", "[x](vbscript:msgbox)", "[x](/relative)"]) {
      expect(markup(source)).not.toContain("<a");
    }
    expect(markup("[x](javascript:alert(1))")).toBe("[x](javascript:alert(1))");
  });

  it("never nests a link in a masked link's text", () => {
    expect(markup("[https://a.example](https://b.example)").match(/<a /g)).toHaveLength(1);
  });
});

/** Payloads from the usual XSS cheat sheets, and Markdown built around them. */
const payloads = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  "<iframe src=javascript:alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  "[x](javascript:alert(1))",
  "[x](JaVaScRiPt:alert(1))",
  "[x](java\tscript:alert(1))",
  "[x](java&#115;cript:alert(1))",
  "[x](&#106;avascript:alert(1))",
  "[x](javascript&colon;alert(1))",
  "[x](%6Aavascript:alert(1))",
  "[x]( javascript:alert(1))",
  "[x](\\javascript:alert(1))",
  "[x](javascript://%0aalert(1))",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[x](vbscript:msgbox(1))",
  "[x](https://ok.example\" onmouseover=\"alert(1))",
  '[x](https://ok.example "title" onclick="alert(1)")',
  "<javascript:alert(1)>",
  "<javascript://example.com/%0aalert(1)>",
  "<data:text/html,<script>alert(1)</script>>",
  "https://ok.example/<script>alert(1)</script>",
  'https://ok.example/"onmouseover="alert(1)',
  "**<img src=x onerror=alert(1)>**",
  "||<script>alert(1)</script>||",
  "`<script>alert(1)</script>`",
  "```html\n<script>alert(1)</script>\n```",
  "> <img src=x onerror=alert(1)>",
  "# <svg/onload=alert(1)>",
  "- <b onclick=alert(1)>x</b>",
  "[**[x](javascript:alert(1))**](https://ok.example)",
  "[[x](javascript:alert(1))](javascript:alert(2))",
  "||[x](javascript:alert(1))||",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "&#60;img src=x onerror=alert(1)&#62;",
  "\\<script>alert(1)\\</script>",
  "<style>*{display:none}</style>",
  "[x](https://ok.example)<img onerror=alert(1) src=x>",
  "@ana<img src=x onerror=alert(1)>",
];

const allowedTags = new Set(["a", "blockquote", "br", "code", "em", "h1", "h2", "h3", "li", "ol", "pre", "s", "small", "span", "strong", "u", "ul"]);
const allowedAttributes = /^(class|href|target|rel|title|start|role|tabindex|inert|data-[a-z-]+|aria-[a-z]+)$/;

/** Every element one we make, every attribute one we set, every link http(s) or mailto. */
function expectInert(html: string) {
  const tags = [...html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)];
  for (const [, tag, attributes] of tags) {
    expect(allowedTags).toContain(tag);
    for (const [, name] of (attributes ?? "").matchAll(/\s([^\s=]+)(?:="[^"]*")?/g)) expect(name).toMatch(allowedAttributes);
  }
  // What is left once our own tags are gone is text: any `<` in it is escaped.
  expect(html.replace(/<\/?[a-z][\w-]*(?:\s+[^\s=>]+(?:="[^"]*")?)*\s*\/?>/g, "")).not.toContain("<");
  for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(https?:\/\/|mailto:)/);
  expect(html).not.toMatch(/<script|="\s*(javascript|data|vbscript):/i);
}

describe("message text: hostile input", () => {
  it.each(payloads)("renders %s inert", (payload) => {
    expectInert(markup(payload));
  });

  it("renders 10,000 random strings of Markdown's characters without throwing, all inert", () => {
    const unit = fc.constantFrom(..."*_~`|>#-[]()<>\\\n :/.@1ax&;\"'", "https://", "javascript:", "```", "||", "**", "> ", "- ", "# ");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (source) => {
        expectInert(markup(source, ["ax"]));
      }),
      { numRuns: 10_000 },
    );
  });

  it("renders a 10,000-character message", () => {
    const line = "**bold** _it_ `code` ||spoiler|| [link](https://example.com) https://example.com @ana\n";
    const source = line.repeat(Math.ceil(10_000 / line.length)).slice(0, 10_000);
    const html = markup(source, ["ana"]);
    expect(html.match(/<strong/g)).toHaveLength(Math.ceil(10_000 / line.length));
    expectInert(html);
    expectInert(markup("[".repeat(5_000) + "](".repeat(2_500)));
    expectInert(markup("*_~|".repeat(2_500)));
  });
});

describe("plain text for previews", () => {
  it("leaves the formatting out and hides spoilers", () => {
    expect(plainText("**Bold** and _it_ ||secret|| `x` [docs](https://d.example) see https://a.example", "(spoiler)")).toBe(
      "Bold and it (spoiler) x docs see https://a.example",
    );
    expect(plainText("# Title\n> quote\n- a\n- b\n```js\nlet x\n```", "(spoiler)")).toBe("Title quote a b let x");
  });
});
