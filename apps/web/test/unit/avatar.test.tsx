import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { Avatar } from "~/components/ui/avatar";

afterEach(cleanup);

describe("the avatar", () => {
  it("shows the picture in its four sizes when there is one, and initials on a colour when not", () => {
    const { container, rerender } = render(<Avatar name="Ana Bell" src="/api/avatars/42/0123456789abcdef/128" size="sm" />);
    const img = container.querySelector("img")!;
    expect(img.getAttribute("src")).toBe("/api/avatars/42/0123456789abcdef/128");
    expect(img.getAttribute("srcset")).toBe(
      "/api/avatars/42/0123456789abcdef/32 32w, /api/avatars/42/0123456789abcdef/64 64w, /api/avatars/42/0123456789abcdef/128 128w, /api/avatars/42/0123456789abcdef/256 256w",
    );
    expect(img.getAttribute("sizes")).toBe("32px");
    expect(img.getAttribute("alt")).toBe("");
    expect(container.querySelector("[data-initials]")).toBeNull();

    rerender(<Avatar name="Ana Bell" src={null} />);
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("[data-initials]")?.getAttribute("data-initials")).toBe("AB");
  });
});
