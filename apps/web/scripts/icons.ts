/**
 * `pnpm --filter @chat/web icons`: the web app manifest's PNG icons (public/icons), drawn by
 * Chromium from src/app/icon.svg, so that they never drift from the favicon. The maskable one
 * keeps the glyph inside the central safe zone on a full-bleed background.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { launchChromium } from "../test/e2e/support/browser";

const svg = readFileSync(path.resolve(import.meta.dirname, "../src/app/icon.svg"), "utf8");
const out = path.resolve(import.meta.dirname, "../public/icons");
const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;

const browser = await launchChromium();
try {
  for (const [name, size, maskable] of [["icon-192.png", 192, false], ["icon-512.png", 512, false], ["maskable-512.png", 512, true]] as const) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const inner = maskable ? Math.round(size * 0.85) : size;
    await page.setContent(
      `<body style="margin:0;display:grid;place-items:center;width:${size}px;height:${size}px;background:${maskable ? "#5865f2" : "transparent"}">` +
        `<img src="${dataUrl}" width="${inner}" height="${inner}"></body>`,
    );
    await page.locator("img").evaluate((img: HTMLImageElement) => img.decode());
    await page.screenshot({ path: path.join(out, name), omitBackground: !maskable });
    await page.close();
    console.log(`wrote ${name}`);
  }
} finally {
  await browser.close();
}
