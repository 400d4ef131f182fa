"use client";

import { type ReactNode, useEffect, useState } from "react";

import type { HighlightTree } from "./highlight";

type Token = HighlightTree["children"][number];

/** highlight.js scopes in a GitHub-dark palette, readable on the block's dark panel. */
const scopeColours: Record<string, string> = {
  keyword: "text-[#ff7b72]",
  "selector-tag": "text-[#ff7b72]",
  type: "text-[#ff7b72]",
  literal: "text-[#79c0ff]",
  number: "text-[#79c0ff]",
  attr: "text-[#79c0ff]",
  attribute: "text-[#79c0ff]",
  variable: "text-[#79c0ff]",
  property: "text-[#79c0ff]",
  meta: "text-[#79c0ff]",
  string: "text-[#a5d6ff]",
  regexp: "text-[#a5d6ff]",
  symbol: "text-[#ffa657]",
  built_in: "text-[#ffa657]",
  title: "text-[#d2a8ff]",
  tag: "text-[#7ee787]",
  name: "text-[#7ee787]",
  "selector-class": "text-[#7ee787]",
  comment: "text-[#8b949e] italic",
  quote: "text-[#8b949e] italic",
  addition: "bg-[#033a16] text-[#aff5b4]",
  deletion: "bg-[#67060c] text-[#ffdcd7]",
  section: "font-bold text-[#79c0ff]",
};

function renderTokens(tokens: Token[]): ReactNode[] {
  return tokens.map((token, index) => {
    if (token.type === "text") return token.value;
    if (token.type !== "element") return null;
    const classes = token.properties.className;
    const scope = Array.isArray(classes) ? String(classes[0]).replace(/^hljs-/, "") : "";
    return (
      <span key={index} className={scopeColours[scope]}>
        {renderTokens(token.children)}
      </span>
    );
  });
}

/**
 * A fenced code block. It shows as plain text at once; when it names a language, the highlighter
 * (a chunk of its own) loads and colours the same text in place, so nothing moves.
 */
export function CodeBlock({ lang, code }: { lang: string; code: string }) {
  const [tree, setTree] = useState<HighlightTree | null>(null);
  useEffect(() => {
    setTree(null);
    if (!lang) return;
    let current = true;
    void import("./highlight").then(({ highlight }) => current && setTree(highlight(lang, code)));
    return () => {
      current = false;
    };
  }, [lang, code]);
  return (
    <pre
      data-code-block={lang || undefined}
      className="my-1 max-w-[90%] overflow-x-auto rounded border border-rail bg-panel p-2 font-mono text-sm leading-[1.125rem] whitespace-pre text-[#dbdee1] scrollbar-thin"
    >
      <code>{tree ? renderTokens(tree.children) : code}</code>
    </pre>
  );
}
