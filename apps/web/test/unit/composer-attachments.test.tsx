import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { PendingFile } from "~/features/attachments/pending";
import { readiness } from "~/features/attachments/pending";
import type { PendingUploads } from "~/features/attachments/use-pending-uploads";
import { Composer } from "~/features/messages/composer";

import { renderIntl } from "./support/intl";

afterEach(cleanup);

const pending = (patch: Partial<PendingFile> = {}): PendingFile => ({
  key: "file-1",
  name: "notes.txt",
  size: 2048,
  type: "text/plain",
  preview: null,
  state: "done",
  loaded: 2048,
  id: "41",
  error: null,
  ...patch,
});

function setup(files: PendingFile[], notice: string | null = null) {
  const onSend = vi.fn();
  const uploads: PendingUploads = { files, readiness: readiness(files), notice, add: vi.fn(), remove: vi.fn(), take: vi.fn() };
  renderIntl(<Composer place="#general" onSend={onSend} uploads={uploads} />);
  return { box: screen.getByRole("textbox", { name: "Message #general" }), onSend, uploads };
}

describe("composer with files", () => {
  it("sends files alone once they have all arrived", async () => {
    const { box, onSend } = setup([pending()]);
    expect(await screen.findByText("notes.txt")).toBeTruthy();
    expect(screen.getByText("2 kB")).toBeTruthy();
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onSend).toHaveBeenCalledWith("");
  });

  it("waits for an upload under way, showing its progress and a way to cancel it", async () => {
    const { box, onSend, uploads } = setup([pending({ state: "uploading", loaded: 512, id: "41" })]);
    expect((await screen.findByRole("progressbar", { name: "Uploading notes.txt" })).getAttribute("aria-valuenow")).toBe("25");
    fireEvent.change(box, { target: { value: "here it comes" } });
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Send message" })).toHaveProperty("disabled", true);
    fireEvent.click(screen.getByRole("button", { name: "Cancel upload of notes.txt" }));
    expect(uploads.remove).toHaveBeenCalledWith("file-1");
  });

  it("holds the message back while a file that failed stays on it, and says why", async () => {
    const { box, onSend } = setup([pending({ state: "failed", error: "This file is too large to upload." })]);
    expect((await screen.findByRole("alert")).textContent).toBe("This file is too large to upload.");
    fireEvent.change(box, { target: { value: "hello" } });
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByText("Remove the files that could not be uploaded to send.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Remove notes.txt" })).toBeTruthy();
  });

  it("takes pasted files, and leaves pasted text to the box", () => {
    const { box, uploads } = setup([]);
    const image = new File([new Uint8Array([1, 2, 3])], "image.png", { type: "image/png" });
    fireEvent.paste(box, { clipboardData: { files: [image] } });
    expect(uploads.add).toHaveBeenCalledWith([image]);
    fireEvent.paste(box, { clipboardData: { files: [] } });
    expect(uploads.add).toHaveBeenCalledTimes(1);
  });

  it("says when an eleventh file was turned away", async () => {
    setup([pending()], "You can send up to 10 files in one message.");
    expect((await screen.findByRole("alert")).textContent).toBe("You can send up to 10 files in one message.");
  });
});
