import { render } from "@testing-library/react";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import { Check, Crown, Hash } from "~/components/icons";

import { renderIconSprite, spritePath, spriteUrlPath } from "../../scripts/icon-sprite";

describe("icon sprite", () => {
  it("is up to date with src/components/icons.tsx (else run `pnpm --filter @chat/web icons:sprite`)", async () => {
    const { sprite, spriteUrlModule } = await renderIconSprite();
    expect(readFileSync(spritePath, "utf8")).toBe(sprite);
    expect(readFileSync(spriteUrlPath, "utf8")).toBe(spriteUrlModule);
  });

  it("draws an icon as lucide-react did: its stroke, size and classes, hidden unless labelled", () => {
    const { container } = render(
      <>
        <Hash className="size-5" />
        <Check strokeWidth={3} size={16} />
        <Crown aria-label="Owner" />
      </>,
    );
    const [hash, check, crown] = container.querySelectorAll("svg");
    expect(hash?.getAttribute("class")).toBe("lucide lucide-hash size-5");
    expect(hash?.getAttribute("stroke-width")).toBe("2");
    expect(hash?.getAttribute("aria-hidden")).toBe("true");
    expect(hash?.querySelector("use")?.getAttribute("href")).toMatch(/^\/icons\.svg\?v=\w+#hash$/);
    expect([check?.getAttribute("stroke-width"), check?.getAttribute("width")]).toEqual(["3", "16"]);
    expect(crown?.getAttribute("aria-hidden")).toBeNull();
    expect(crown?.getAttribute("aria-label")).toBe("Owner");
  });
});
