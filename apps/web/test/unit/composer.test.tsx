import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { Composer } from "~/features/messages/composer";

import { renderIntl } from "./support/intl";

afterEach(cleanup);

function setup() {
  const onSend = vi.fn();
  const onTyping = vi.fn();
  renderIntl(<Composer place="#general" onSend={onSend} onTyping={onTyping} />);
  return { box: screen.getByRole("textbox", { name: "Message #general" }) as HTMLTextAreaElement, onSend, onTyping };
}

describe("composer", () => {
  it("sends on Enter and clears the draft", () => {
    const { box, onSend, onTyping } = setup();
    fireEvent.change(box, { target: { value: "  hello  " } });
    expect(onTyping).toHaveBeenCalled();
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onSend).toHaveBeenCalledWith("hello");
    expect(box.value).toBe("");
  });

  it("leaves Shift+Enter to the textarea (a new line)", () => {
    const { box, onSend } = setup();
    fireEvent.change(box, { target: { value: "line one" } });
    fireEvent.keyDown(box, { key: "Enter", shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
  });

  it("does not send a blank message", () => {
    const { box, onSend } = setup();
    fireEvent.change(box, { target: { value: "   \n " } });
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Send message" })).toHaveProperty("disabled", true);
  });

  it("refuses a message over the limit and says by how much", () => {
    const { box, onSend } = setup();
    fireEvent.change(box, { target: { value: "x".repeat(4005) } });
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByText("5 characters over the limit of 4000")).toBeTruthy();
  });
});

describe("composer in French", () => {
  it("names its box and counts what is left in the reader's language, one character in the singular", () => {
    renderIntl(<Composer place="#général" onSend={vi.fn()} />, { locale: "fr" });
    const box = screen.getByRole("textbox", { name: "Envoyer un message à #général" });
    fireEvent.change(box, { target: { value: "x".repeat(3999) } });
    expect(screen.getByText("1 caractère restant")).toBeTruthy();
  });
});
