/**
 * `pnpm --filter @chat/web first-load-js`: the JavaScript a browser downloads to open a channel
 * (the chat route) on a cold cache, from the production build. Next.js 16 no longer prints
 * first-load sizes in `next build`, so this measures what Chromium actually fetches.
 * `-- --list` also prints each script, largest first.
 */
import { SEED_PASSWORD, seedDatabase } from "../test/e2e/support/seed";
import { launchChromium, logIn } from "../test/e2e/support/browser";
import { startProductionServer } from "../test/e2e/support/production-server";
import { seedShowcase } from "../test/e2e/support/showcase";
import { rawRequest } from "../test/support/raw-http";

/** The body's size as sent to a client that accepts gzip alone. */
async function gzipBytes(url: string): Promise<number> {
  const response = await rawRequest(url, { "accept-encoding": "gzip" });
  if (response.headers["content-encoding"] !== "gzip") throw new Error(`${url} was not sent gzipped`);
  return response.body.length;
}

const server = await startProductionServer({ prepare: (env) => seedDatabase(env, seedShowcase) });
const browser = await launchChromium();
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, server.url, "maya@example.com", SEED_PASSWORD);
  await page.getByRole("link", { name: "Chat RTC" }).first().click();
  await page.getByRole("textbox", { name: "Message #general" }).waitFor();
  const chatUrl = page.url();

  const cold = await (await browser.newContext({ storageState: await context.storageState() })).newPage();
  await cold.goto(chatUrl, { waitUntil: "networkidle" });
  const scripts = await cold.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((entry) => entry as PerformanceResourceTiming)
      .filter((entry) => entry.initiatorType === "script" || entry.name.endsWith(".js"))
      .map((entry) => ({ name: entry.name, transferred: entry.transferSize, brotli: entry.encodedBodySize, size: entry.decodedBodySize })),
  );
  // Chromium asks for brotli; the target is in gzip, which older clients and some proxies get.
  const measured = await Promise.all(scripts.map(async (entry) => ({ ...entry, gzip: await gzipBytes(entry.name) })));
  const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
  const sum = (key: "transferred" | "brotli" | "gzip" | "size") => measured.reduce((total, entry) => total + entry[key], 0);
  if (process.argv.includes("--list")) {
    for (const entry of measured.toSorted((a, b) => b.gzip - a.gzip)) {
      console.log(`${kB(entry.gzip).padStart(9)} gzip ${kB(entry.brotli).padStart(9)} brotli  ${new URL(entry.name).pathname}`);
    }
  }
  console.log(
    `chat route ${new URL(chatUrl).pathname.replace(/\d+/g, "[id]")}: ${scripts.length} scripts, ${kB(sum("size"))}, ` +
      `${kB(sum("gzip"))} gzip, ${kB(sum("brotli"))} brotli (Chromium transferred ${kB(sum("transferred"))} with the headers)`,
  );
} finally {
  await browser.close();
  await server.stop();
}
