/**
 * `pnpm --filter @chat/web screenshot`: docs/screenshot.png, the app in Chromium with a seeded
 * team conversation (a reply, reactions, a mention of the viewer, an unread mention in another
 * channel), three people online and one of them typing.
 */
import path from "node:path";

import { SEED_PASSWORD, seedDatabase } from "../test/e2e/support/seed";
import { composer, launchChromium, logIn } from "../test/e2e/support/browser";
import { startProductionServer } from "../test/e2e/support/production-server";
import { seedShowcase } from "../test/e2e/support/showcase";

const output = path.resolve(import.meta.dirname, "../../../docs/screenshot.png");

const server = await startProductionServer({ prepare: (env) => seedDatabase(env, seedShowcase) });
const browser = await launchChromium();
try {
  const open = async (name: string, viewport = { width: 1440, height: 900 }) => {
    const page = await (await browser.newContext({ viewport, deviceScaleFactor: 1 })).newPage();
    await logIn(page, server.url, `${name}@example.com`, SEED_PASSWORD);
    await page.getByRole("link", { name: "Chat RTC" }).first().click();
    await page.getByRole("textbox", { name: "Message #general" }).waitFor();
    return page;
  };
  const maya = await open("maya");
  await open("leo");
  const priya = await open("priya");
  await composer(priya).pressSequentially("Tagging now", { delay: 40 });
  await maya.getByTestId("typing").waitFor();
  await maya.mouse.move(0, 0);
  await maya.screenshot({ path: output });
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
  await server.stop();
}
