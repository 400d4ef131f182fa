/**
 * Richer messaging in real Chromium against the production server, two people in one channel:
 * a reply with its quote, a mention highlighted for the one mentioned, reactions from the picker
 * and by toggling a chip, an edit, a deleted parent quoted as deleted, Markdown with a spoiler and a
 * masked link, all seen live by the other, and a mention while one reads elsewhere as an unread
 * badge. Screenshots: test-results/e2e.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";

import { hydrated, send, snap } from "./support/browser";
import { useTwoPeople } from "./support/two-people";

const LIVE = { timeout: 20_000 };

const stage = useTwoPeople({
  server: { name: "Book Club", inviteCode: "booksInvite1", channels: ["general", "off-topic"] },
  owner: "rosa",
  member: "theo",
  label: "messaging",
});
let rosa: Page;
let theo: Page;
beforeAll(() => {
  ({ owner: rosa, member: theo } = stage);
});

/** The stored message (not the copy being sent) whose own text matches (not a reply quoting it). */
const stored = (page: Page, text: string) =>
  page.locator("article[data-message-id]").filter({ has: page.locator("[data-message-text]", { hasText: text }) });

async function hoverAndClick(page: Page, text: string, button: string) {
  const message = stored(page, text);
  await message.hover();
  await message.getByRole("button", { name: button, exact: true }).click();
}

describe("replies, mentions, reactions and edits in Chromium", () => {
  it("both open the channel", async () => {
    await stage.enter();
    await send(theo, "Has everyone finished chapter three?\nNo spoilers please");
    await stored(rosa, "Has everyone finished chapter three?").waitFor(LIVE);
  });

  it("Rosa replies with a mention: Theo sees the quote, and the message highlighted for him", async () => {
    await hoverAndClick(rosa, "Has everyone finished chapter three?", "Reply");
    await rosa.getByText("Replying to theo").waitFor();
    await send(rosa, "@theo yes! The ending surprised me.");
    await rosa.getByText("Replying to theo").waitFor({ state: "detached" });

    const reply = stored(theo, "The ending surprised me.");
    await reply.waitFor(LIVE);
    expect(await reply.locator("[data-reply-to]").textContent()).toContain("theoHas everyone finished chapter three?");
    expect(await reply.getAttribute("data-mentions-me")).toBe("true");
    expect(await reply.locator('[data-mention="theo"]').textContent()).toBe("@theo");
    // Rosa sees the mention highlighted, but the message is not about her.
    const hers = stored(rosa, "The ending surprised me.");
    expect(await hers.getAttribute("data-mentions-me")).toBeNull();
    expect(await hers.locator('[data-mention="theo"]').count()).toBe(1);
  });

  it("@everyone from the owner highlights for members; from a member it stays plain text", async () => {
    await send(rosa, "@everyone meeting moved to Friday");
    const announcement = stored(theo, "meeting moved to Friday");
    await announcement.waitFor(LIVE);
    expect(await announcement.getAttribute("data-mentions-me")).toBe("true");
    expect(await stored(rosa, "meeting moved to Friday").getAttribute("data-mentions-me")).toBeNull(); // her own
    await send(theo, "@everyone I will bring snacks");
    const plain = stored(rosa, "I will bring snacks");
    await plain.waitFor(LIVE);
    expect(await plain.getAttribute("data-mentions-me")).toBeNull();
    expect(await plain.locator("[data-mention]").count()).toBe(0);
  });

  it("Theo reacts from the picker, Rosa adds to it by clicking the chip; both see the counts live", async () => {
    await hoverAndClick(theo, "The ending surprised me.", "Add reaction");
    const picker = theo.getByRole("dialog", { name: "Pick a reaction" });
    await picker.waitFor();
    await snap(theo, "messaging-00-theo-emoji-picker");
    await picker.getByRole("button", { name: "React with 🎉" }).click();
    await picker.waitFor({ state: "detached" });
    const rosaChip = stored(rosa, "The ending surprised me.").getByRole("button", { name: /^🎉 / });
    await rosaChip.waitFor(LIVE);
    expect(await rosaChip.getAttribute("aria-pressed")).toBe("false");
    expect(await rosaChip.textContent()).toBe("🎉1");

    await rosaChip.click();
    await expect.poll(() => rosaChip.getAttribute("aria-pressed"), LIVE).toBe("true");
    const theoChip = stored(theo, "The ending surprised me.").getByRole("button", { name: /^🎉 / });
    await expect.poll(() => theoChip.textContent(), LIVE).toBe("🎉2");
    expect(await theoChip.getAttribute("aria-pressed")).toBe("true");
    await snap(theo, "messaging-01-theo-reply-mention-reactions");
  });

  it("Theo edits his question: Rosa sees the new text marked (edited)", async () => {
    await hoverAndClick(theo, "Has everyone finished chapter three?", "Edit message");
    const editor = theo.getByRole("textbox", { name: "Edit message" });
    await editor.fill("Has everyone finished chapter four?");
    await editor.press("Enter");
    const edited = stored(rosa, "Has everyone finished chapter four?");
    await edited.waitFor(LIVE);
    expect(await edited.textContent()).toContain("(edited)");
  });

  it("Theo deletes his question: the reply stays, quoting it as deleted", async () => {
    await hoverAndClick(theo, "Has everyone finished chapter four?", "Delete message");
    await theo.getByRole("dialog", { name: "Delete message" }).getByRole("button", { name: "Delete" }).click();
    const quote = stored(rosa, "The ending surprised me.").locator("[data-reply-to]");
    await expect.poll(() => quote.textContent(), LIVE).toContain("Original message deleted");
    await rosa.reload();
    await hydrated(rosa);
    await stored(rosa, "The ending surprised me.").locator("[data-reply-to]", { hasText: "Original message deleted" }).waitFor(LIVE);
    await snap(rosa, "messaging-02-rosa-deleted-parent");
  });

  it("Rosa writes Markdown: Theo sees it formatted live, reveals the spoiler, and is asked before a masked link leaves", async () => {
    const source = "**Bold plan** for ||the butler did it||, see [the notes](https://example.com/notes)\n```js\nconst page = 42; // answer\n```";
    await send(rosa, source);
    const message = stored(theo, "Bold plan");
    await message.waitFor(LIVE);
    expect(await message.locator("strong").textContent()).toBe("Bold plan");
    const code = message.locator('pre[data-code-block="js"]');
    await code.locator("span", { hasText: "const" }).waitFor(LIVE); // the highlighter loaded and coloured it
    expect(await code.textContent()).toBe("const page = 42; // answer");

    const spoiler = message.getByRole("button", { name: /^Spoiler/ });
    expect(await message.getByText("the butler did it").isVisible()).toBe(false);
    await snap(theo, "messaging-04-theo-markdown-spoiler-hidden");
    await spoiler.click();
    await message.getByText("the butler did it").waitFor({ state: "visible" });

    await message.getByRole("link", { name: "the notes" }).click();
    const leaving = theo.getByRole("dialog", { name: "Leaving Chat RTC" });
    await leaving.waitFor();
    expect(await leaving.textContent()).toContain("https://example.com/notes");
    expect(await leaving.getByRole("link", { name: "Visit site" }).getAttribute("rel")).toBe("noopener noreferrer nofollow");
    await snap(theo, "messaging-05-theo-leaving-dialog");
    await leaving.getByRole("button", { name: "Cancel" }).click();
    await leaving.waitFor({ state: "hidden" });
    expect(theo.context().pages()).toHaveLength(1); // nothing opened without the confirmation

    // Its author edits the source as typed.
    await hoverAndClick(rosa, "Bold plan", "Edit message");
    const editor = rosa.getByRole("textbox", { name: "Edit message" });
    expect(await editor.inputValue()).toBe(source);
    await editor.press("Escape");
    await editor.waitFor({ state: "detached" });
  });

  it("headers, quotes and lists read as blocks, inline formatting within them", async () => {
    await send(rosa, "# Reading list\n> chosen by __vote__\n- *Dune*, ~~twice~~\n- `Emma`, then https://example.com/emma\n-# fine print");
    const message = stored(theo, "Reading list");
    await message.waitFor(LIVE);
    expect(await message.getByRole("heading", { level: 1 }).textContent()).toBe("Reading list");
    expect(await message.locator("blockquote u").textContent()).toBe("vote");
    expect(await message.getByRole("listitem").allTextContents()).toEqual(["Dune, twice", "Emma, then https://example.com/emma"]);
    expect(await message.getByRole("link", { name: "https://example.com/emma" }).getAttribute("target")).toBe("_blank");
    await snap(theo, "messaging-06-theo-markdown-blocks");
  });

  it("Theo reads another channel: Rosa's mention in #general shows as an unread badge, gone once he is back", async () => {
    const sidebar = theo.locator('nav[aria-label="Text channels"]');
    await sidebar.getByRole("link", { name: /^off-topic/ }).click();
    await theo.getByRole("textbox", { name: "Message #off-topic" }).waitFor(LIVE);
    await send(rosa, "@theo are you still there?");
    const general = sidebar.getByRole("link", { name: /^general/ });
    await general.getByTestId("mention-badge").filter({ hasText: "1" }).waitFor(LIVE);
    expect(await general.getAttribute("data-unread")).toBe("true");
    await snap(theo, "messaging-03-theo-unread-badge");
    await general.click();
    await theo.getByTestId("new-messages").waitFor(LIVE);
    await sidebar.getByRole("link", { name: /^off-topic/ }).click();
    await general.getByTestId("mention-badge").waitFor({ state: "detached", ...LIVE });
  });
});
