import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";

import type { AppServer } from "../../app-server";
import { launchChromium, logIn, snap } from "./browser";
import { startProductionServer } from "./production-server";
import { SEED_PASSWORD, createServer, createUsers, seedDatabase } from "./seed";

export interface TwoPeopleScene {
  /** The server's name, its invite code and its channels (the first is #general). */
  server: { name: string; inviteCode: string; channels: string[] };
  owner: string;
  member: string;
  /** Names the screenshots of failed tests. */
  label: string;
  /** Further settings of the production server (LINK_PREVIEW_ALLOW_HOSTS, say). */
  env?: Record<string, string>;
}

export interface TwoPeople {
  app: AppServer;
  owner: Page;
  member: Page;
  /** Logs both in and opens the server on its first channel, ready to write. */
  enter(): Promise<void>;
}

/**
 * A test file's stage: a production server of its own, seeded with an owner and a member of one
 * server, and a Chromium page for each (not yet logged in). A failed test leaves a screenshot of
 * both pages. The fields are filled in `beforeAll`: read them inside tests.
 */
export function useTwoPeople(scene: TwoPeopleScene): TwoPeople {
  const stage = {
    async enter() {
      for (const [name, page] of [[scene.owner, stage.owner], [scene.member, stage.member]] as const) {
        await logIn(page, stage.app.url, `${name}@example.com`, SEED_PASSWORD);
        await page.getByRole("link", { name: new RegExp(`^${scene.server.name}`) }).first().click();
        await page.getByRole("textbox", { name: `Message #${scene.server.channels[0]}` }).waitFor({ timeout: 20_000 });
      }
    },
  } as TwoPeople;
  let browser: Browser | undefined;

  beforeAll(async () => {
    stage.app = await startProductionServer({
      env: scene.env,
      prepare: (env) =>
        seedDatabase(env, async (db) => {
          const people = await createUsers(db, [scene.owner, scene.member]);
          await createServer(db, { ...scene.server, owner: people.get(scene.owner)!, members: [people.get(scene.member)!] });
        }),
    });
    browser = await launchChromium();
    const page = async () => (await browser!.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    stage.owner = await page();
    stage.member = await page();
  }, 600_000);

  afterEach(async ({ task }) => {
    if (task.result?.state !== "fail") return;
    for (const [name, page] of [[scene.owner, stage.owner], [scene.member, stage.member]] as const) {
      if (page && !page.isClosed()) await snap(page, `failed-${scene.label}-${task.name.slice(0, 30)}-${name}`);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await stage.app?.stop();
  });

  return stage;
}
