/**
 * Unread state in real Chromium against the production server: a mention elsewhere makes the
 * channel bold with a badge (on the server too) and raises a toast, all live; the state survives
 * a reload; opening the channel shows the "new messages" divider and clears the marks; search
 * finds a message by part of a word; a muted server raises no toast; a channel on "All messages" raises one for
 * any message, and on "Nothing" none even for a mention. Screenshots: test-results/e2e.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";

import { composer, hydrated, messageText, send, snap } from "./support/browser";
import { useTwoPeople } from "./support/two-people";

const LIVE = { timeout: 20_000 };

const stage = useTwoPeople({
  server: { name: "Reading Room", inviteCode: "readingRoom01", channels: ["general", "random"] },
  owner: "uma",
  member: "ravi",
  label: "unread",
});
let uma: Page;
let ravi: Page;
beforeAll(() => {
  ({ owner: uma, member: ravi } = stage);
});

const channelLink = (page: Page, name: string) => page.locator('nav[aria-label="Text channels"]').getByRole("link", { name: new RegExp(`^${name}\\b`) });
const serverTile = (page: Page) => page.locator('nav[aria-label="Servers"] li').filter({ has: page.getByRole("link", { name: /^Reading Room/ }) });

async function open(page: Page, channel: string) {
  await channelLink(page, channel).click();
  await page.getByRole("textbox", { name: `Message #${channel}` }).waitFor(LIVE);
}

/** Mutes or unmutes the server from the bell beside its name. */
async function setMuted(page: Page, muted: boolean) {
  await page.getByRole("button", { name: "Server notification settings" }).click();
  const menu = page.getByRole("group", { name: "Server notification settings" });
  const mute = menu.getByRole("checkbox", { name: "Mute server" });
  // Clicked, not checked: the box shows the cache, which follows a tick after the click (check() looks at once).
  if ((await mute.isChecked()) !== muted) await mute.click();
  await expect.poll(() => mute.isChecked()).toBe(muted);
  await page.keyboard.press("Escape");
  await menu.waitFor({ state: "detached", ...LIVE });
}

describe("unread state and notifications in Chromium", () => {
  it("a mention in another channel makes it bold with a badge, live, and raises a toast", async () => {
    await stage.enter();
    await open(uma, "random");
    await send(uma, "Fresh announcements in random");
    await send(uma, "@ravi please read the announcements");
    await messageText(uma, "please read").waitFor(LIVE);

    await channelLink(ravi, "random").and(ravi.locator("[data-unread]")).waitFor(LIVE);
    await channelLink(ravi, "random").getByTestId("mention-badge").filter({ hasText: "1" }).waitFor(LIVE);
    await serverTile(ravi).getByTestId("mention-badge").filter({ hasText: "1" }).waitFor(LIVE);
    const toast = ravi.getByRole("list", { name: "Notifications" }).getByRole("status");
    await toast.filter({ hasText: "uma mentioned you in #random" }).waitFor(LIVE);
    expect(await channelLink(ravi, "general").and(ravi.locator("[data-unread]")).count()).toBe(0);
    await snap(ravi, "unread-badge");
  });

  it("keeps the counts across a reload, and opening the channel shows the divider and clears them", async () => {
    await ravi.reload();
    await hydrated(ravi);
    await channelLink(ravi, "random").getByTestId("mention-badge").filter({ hasText: "1" }).waitFor(LIVE);
    await open(ravi, "random");
    const divider = ravi.getByTestId("new-messages");
    await divider.waitFor(LIVE);
    // The divider sits right above the first unread message: in its row, before it (how far above
    // depends on the author line and the fonts, so it is not measured in pixels).
    const dividerBox = (await divider.boundingBox())!;
    const firstUnread = (await messageText(ravi, "Fresh announcements").boundingBox())!;
    expect(firstUnread.y).toBeGreaterThan(dividerBox.y);
    expect(await ravi.locator("[data-index]").filter({ has: divider }).filter({ has: messageText(ravi, "Fresh announcements") }).count()).toBe(1);
    await snap(ravi, "unread-divider");

    await open(ravi, "general");
    await channelLink(ravi, "random").getByTestId("mention-badge").waitFor({ state: "detached", ...LIVE });
    expect(await channelLink(ravi, "random").and(ravi.locator("[data-unread]")).count()).toBe(0);
    await serverTile(ravi).getByTestId("mention-badge").waitFor({ state: "detached", ...LIVE });
    // After a reload too: the read position is stored.
    await ravi.reload();
    // Hydrated before the next test types: a controlled input hydrating later would drop what it typed.
    await hydrated(ravi);
    await composer(ravi).waitFor(LIVE);
    expect(await channelLink(ravi, "random").getByTestId("mention-badge").count()).toBe(0);
  });

  it("finds a message by part of a word and opens its channel", async () => {
    const box = ravi.getByRole("textbox", { name: "Search messages" });
    await box.fill("announce");
    await expect.poll(() => box.inputValue()).toBe("announce");
    await box.press("Enter");
    const results = ravi.getByRole("region", { name: "Search results" });
    // The count first: a failure then says what the search answered (an error, or other results).
    const status = results.getByRole("status").filter({ hasNotText: "Searching…" });
    await status.waitFor(LIVE);
    expect(await status.textContent()).toBe("2 results");
    await results.getByRole("button", { name: /Fresh announcements in random/ }).waitFor(LIVE);
    expect(await results.getByRole("listitem").count()).toBe(2);
    await snap(ravi, "search-results");
    await results.getByRole("button", { name: /Fresh announcements in random/ }).click();
    await ravi.getByRole("textbox", { name: "Message #random" }).waitFor(LIVE);
  });

  it("a muted server raises no toast and shows no bold, but still counts the mention", async () => {
    await open(ravi, "general");
    await setMuted(ravi, true);
    await send(uma, "@ravi one more thing");
    await channelLink(ravi, "random").getByTestId("mention-badge").filter({ hasText: "1" }).waitFor(LIVE);
    expect(await channelLink(ravi, "random").and(ravi.locator("[data-unread]")).count()).toBe(0);
    expect(await ravi.getByRole("status").filter({ hasText: "one more thing" }).count()).toBe(0);
  });

  it("a channel on All messages raises a toast for a plain message, and on Nothing none even for a mention", async () => {
    await setMuted(ravi, false);
    const choose = async (level: string) => {
      await open(ravi, "random");
      await ravi.getByRole("button", { name: "Channel notification settings" }).click();
      const menu = ravi.getByRole("group", { name: "Channel notification settings" });
      const choice = menu.getByRole("radio", { name: level, exact: true });
      await choice.click();
      await expect.poll(() => choice.isChecked()).toBe(true);
      if (level === "All messages") await snap(ravi, "notification-settings");
      await ravi.keyboard.press("Escape");
      await menu.waitFor({ state: "detached", ...LIVE });
      await open(ravi, "general");
    };
    const toasts = ravi.getByRole("list", { name: "Notifications" }).getByRole("status");

    await choose("All messages");
    await send(uma, "Plain news for whoever listens");
    await toasts.filter({ hasText: "uma in #random" }).filter({ hasText: "Plain news for whoever listens" }).waitFor(LIVE);

    await choose("Nothing");
    await send(uma, "@ravi this one stays quiet");
    // The badge comes from the same event a toast would: once it shows, no toast followed.
    await channelLink(ravi, "random").getByTestId("mention-badge").filter({ hasText: "1" }).waitFor(LIVE);
    expect(await ravi.getByRole("status").filter({ hasText: "this one stays quiet" }).count()).toBe(0);
  });
});
