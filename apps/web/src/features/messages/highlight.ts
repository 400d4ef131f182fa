import bash from "highlight.js/lib/languages/bash";
import c from "highlight.js/lib/languages/c";
import cpp from "highlight.js/lib/languages/cpp";
import csharp from "highlight.js/lib/languages/csharp";
import css from "highlight.js/lib/languages/css";
import diff from "highlight.js/lib/languages/diff";
import go from "highlight.js/lib/languages/go";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import python from "highlight.js/lib/languages/python";
import rust from "highlight.js/lib/languages/rust";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";
import { createLowlight } from "lowlight";

/**
 * Syntax highlighting for code blocks, loaded only when a message has one that names a language
 * (its own chunk, kept out of the channel page's first load). The common languages with their
 * usual aliases (`js`, `ts`, `py`, `sh`, `html`, `yml`, …); lowlight gives a tree, not HTML.
 */
const lowlight = createLowlight({ bash, c, cpp, csharp, css, diff, go, java, javascript, json, python, rust, sql, typescript, xml, yaml });

export type HighlightTree = ReturnType<typeof lowlight.highlight>;

/** The code's tokens, or null for a language we do not know. */
export function highlight(lang: string, code: string): HighlightTree | null {
  const language = lang.toLowerCase();
  return lowlight.registered(language) ? lowlight.highlight(language, code) : null;
}
