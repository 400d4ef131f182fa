/**
 * `pnpm --filter @chat/web icons:sprite`: public/icons.svg, one <symbol> for each icon that
 * src/components/icons.tsx exports, drawn from lucide-react's own data; and the address the app
 * loads it from (src/components/icon-sprite-url.ts), versioned by the sprite's content because
 * browsers keep it for a year. test/unit/icon-sprite.test.ts fails when either is out of date.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";

import * as icons from "../src/components/icons";

export const spritePath = path.resolve(import.meta.dirname, "../public/icons.svg");
export const spriteUrlPath = path.resolve(import.meta.dirname, "../src/components/icon-sprite-url.ts");

type IconNode = [tag: string, attributes: Record<string, string>][];

/** The symbol id an icon component points at, read from what it renders. */
function symbolId(Icon: (typeof icons)[keyof typeof icons]): string {
  const markup = renderToStaticMarkup(createElement(Icon));
  const id = /<use href="[^"#]*#([^"]+)"/.exec(markup)?.[1];
  if (!id) throw new Error(`no <use href="…#id"> in ${markup}`);
  return id;
}

async function symbol(id: string): Promise<string> {
  const { __iconData } = (await import(`lucide-react/icons/${id}`)) as { __iconData: { node: IconNode } };
  const shapes = __iconData.node.map(([tag, { key: _key, ...attributes }]) => {
    const attributeText = Object.entries(attributes).map(([name, value]) => ` ${name}="${value}"`);
    return `<${tag}${attributeText.join("")}/>`;
  });
  // No paint here: the <svg> around each <use> sets stroke and fill (src/components/icons.tsx).
  return `<symbol id="${id}" viewBox="0 0 24 24">${shapes.join("")}</symbol>`;
}

/** The sprite and the module holding its versioned address, as they should be committed. */
export async function renderIconSprite(): Promise<{ sprite: string; spriteUrlModule: string }> {
  const ids = [...new Set(Object.values(icons).map(symbolId))].sort();
  const symbols = await Promise.all(ids.map(symbol));
  const sprite = [
    `<svg xmlns="http://www.w3.org/2000/svg">`,
    `<!-- Lucide icons (ISC License, https://lucide.dev/license), made by apps/web/scripts/icon-sprite.ts: do not edit. -->`,
    ...symbols,
    `</svg>`,
    "",
  ].join("\n");
  const version = createHash("sha256").update(sprite).digest("hex").slice(0, 10);
  const spriteUrlModule = [
    "// Made by scripts/icon-sprite.ts (`pnpm --filter @chat/web icons:sprite`): do not edit.",
    "/** public/icons.svg, versioned by its content: it is cached for a year, so a new sprite needs a new address. */",
    `export const ICON_SPRITE_URL = "/icons.svg?v=${version}";`,
    "",
  ].join("\n");
  return { sprite, spriteUrlModule };
}

if (process.argv[1] === import.meta.filename) {
  const { sprite, spriteUrlModule } = await renderIconSprite();
  writeFileSync(spritePath, sprite);
  writeFileSync(spriteUrlPath, spriteUrlModule);
  console.log(`wrote ${path.relative(process.cwd(), spritePath)} and ${path.relative(process.cwd(), spriteUrlPath)}`);
}
