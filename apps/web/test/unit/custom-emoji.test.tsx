import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { withCustomEmoji } from "~/features/emojis/shortcodes";
import { EmojiContext } from "~/features/emojis/use-emojis";
import { Composer } from "~/features/messages/composer";
import { plainText } from "~/features/messages/markdown";
import { MessageText } from "~/features/messages/message-text";

import { renderIntl } from "./support/intl";

afterEach(cleanup);

const blob = { id: "73400320000131072", name: "blob", animated: false, url: "/api/emojis/73400320000131072" };
const party = { id: "73400320000131073", name: "party", animated: true, url: "/api/emojis/73400320000131073" };
const known = new Map([blob, party].map((emoji) => [emoji.id, emoji]));

function render(content: string) {
  const { container } = renderIntl(
    <EmojiContext value={known}>
      <MessageText content={content} mentioned={new Map()} mentionsEveryone={false} readerName="ana" />
    </EmojiContext>,
  );
  return container;
}

describe("custom emoji in messages", () => {
  it("shows the server's emoji as images with their :name:, others as text", () => {
    const container = render("hi <:blob:73400320000131072> and <a:party:73400320000131073>, not <:gone:73400320000131074>");
    const images = [...container.querySelectorAll("img")];
    expect(images.map((image) => [image.getAttribute("src"), image.alt])).toEqual([
      ["/api/emojis/73400320000131072", ":blob:"],
      ["/api/emojis/73400320000131073", ":party:"],
    ]);
    expect(images.every((image) => image.className.includes("size-[1.375em]"))).toBe(true);
    expect(container.textContent).toBe("hi  and , not :gone:");
  });

  it("makes them large when the message is emoji alone, as Discord does", () => {
    const alone = [...render("<:blob:73400320000131072> 👍 <a:party:73400320000131073>").querySelectorAll("img")];
    expect(alone.every((image) => image.className.includes("size-[3em]"))).toBe(true);
    cleanup();
    expect(render("<:blob:73400320000131072> ok").querySelector("img")!.className).toContain("size-[1.375em]");
    cleanup();
    // Inside code they are text.
    expect(render("`<:blob:73400320000131072>`").querySelector("img")).toBeNull();
  });

  it("read as :name: in one-line previews", () => {
    expect(plainText("look <:blob:73400320000131072>!", "spoiler")).toBe("look :blob:!");
  });
});

describe("withCustomEmoji", () => {
  it("writes :name: of the server's emoji as <:name:id> (any case), leaving other words, written ones and code alone", () => {
    expect(withCustomEmoji(":blob: :Party: :nope: <:blob:73400320000131072> `:blob:`", [blob, party])).toBe("<:blob:73400320000131072> <a:party:73400320000131073> :nope: <:blob:73400320000131072> `:blob:`");
    expect(withCustomEmoji("time 10:30:45", [blob])).toBe("time 10:30:45");
    expect(withCustomEmoji(":blob:", [])).toBe(":blob:");
  });
});

describe("the composer's emoji suggestions", () => {
  it("offers the server's emoji for :na, takes one with Enter (no send), then sends", () => {
    const onSend = vi.fn();
    renderIntl(
      <EmojiContext value={known}>
        <Composer place="#general" onSend={onSend} />
      </EmojiContext>,
    );
    const box = screen.getByRole("textbox", { name: "Message #general" }) as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: "nice :PA" } });
    const options = screen.getAllByRole("option");
    expect(options.map((option) => option.textContent)).toEqual([":party:"]);
    expect(options[0]!.querySelector("img")!.getAttribute("src")).toBe(party.url);
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onSend).not.toHaveBeenCalled();
    expect(box.value).toBe("nice :party: ");
    expect(screen.queryByRole("listbox")).toBeNull();
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onSend).toHaveBeenCalledWith("nice :party:");

    // Escape dismisses them; a word that is not a shortcode (10:30) offers nothing.
    fireEvent.change(box, { target: { value: ":bl" } });
    expect(screen.getAllByRole("option")).toHaveLength(1);
    fireEvent.keyDown(box, { key: "Escape" });
    expect(screen.queryByRole("listbox")).toBeNull();
    fireEvent.change(box, { target: { value: "at 10:30" } });
    expect(screen.queryByRole("listbox")).toBeNull();
  });
});
