/**
 * The keyboard, as Discord users expect it, in real Chromium against the production server:
 * Ctrl+K opens the quick switcher, which finds a channel by part of its name and goes there;
 * Alt+↑/↓ step between channels; ↑ in an empty composer edits your last message; Escape clears
 * the "new messages" divider. Screenshots: test-results/e2e.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";

import { composer, messageText, send, snap } from "./support/browser";
import { useTwoPeople } from "./support/two-people";

const LIVE = { timeout: 20_000 };

const stage = useTwoPeople({
  server: { name: "Keys Club", inviteCode: "keysClub0001", channels: ["general", "random", "rules"] },
  owner: "kira",
  member: "leo",
  label: "keyboard",
});
let kira: Page;
let leo: Page;
beforeAll(() => {
  ({ owner: kira, member: leo } = stage);
});

const inChannel = (page: Page, name: string) => page.getByRole("textbox", { name: `Message #${name}` }).waitFor(LIVE);

describe("the keyboard in Chromium", () => {
  it("Ctrl+K finds a channel by part of its name and goes there", async () => {
    await stage.enter();
    await leo.keyboard.press("Control+k");
    const search = leo.getByRole("combobox", { name: "Where would you like to go?" });
    await search.waitFor(LIVE);
    await search.fill("#ran");
    const options = leo.getByRole("listbox", { name: "Places" }).getByRole("option");
    await expect.poll(() => options.allTextContents(), LIVE).toEqual(["randomKeys Club"]);
    await snap(leo, "keyboard-01-quick-switcher");
    await search.press("Enter");
    await inChannel(leo, "random");
    expect(await search.count()).toBe(0);
  });

  it("Alt+↑ and Alt+↓ step between channels, and stop at the ends", async () => {
    await leo.keyboard.press("Alt+ArrowUp");
    await inChannel(leo, "general");
    await leo.keyboard.press("Alt+ArrowUp");
    await leo.keyboard.press("Alt+ArrowDown");
    await inChannel(leo, "random");
    await leo.keyboard.press("Alt+ArrowDown");
    await inChannel(leo, "rules");
  });

  it("↑ in an empty composer edits your last message", async () => {
    await send(leo, "frist draft");
    await leo.locator("article[data-message-id]").filter({ hasText: "frist draft" }).waitFor(LIVE);
    await composer(leo).press("ArrowUp");
    const editor = leo.getByRole("textbox", { name: "Edit message" });
    await editor.waitFor(LIVE);
    expect(await editor.inputValue()).toBe("frist draft");
    await editor.fill("first draft");
    await editor.press("Enter");
    await messageText(leo, "first draft").filter({ hasText: "(edited)" }).waitFor(LIVE);
  });

  it("Escape clears the new messages divider", async () => {
    await kira.getByRole("navigation", { name: "Text channels" }).getByRole("link", { name: /^general/ }).click();
    await inChannel(kira, "general");
    await send(kira, "news while you were away");
    await leo.getByRole("navigation", { name: "Text channels" }).getByRole("link", { name: /^general/ }).click();
    await inChannel(leo, "general");
    const divider = leo.getByTestId("new-messages");
    await divider.waitFor(LIVE);
    await composer(leo).press("Escape");
    await divider.waitFor({ state: "detached", ...LIVE });
    await snap(leo, "keyboard-02-divider-cleared");
  });
});
