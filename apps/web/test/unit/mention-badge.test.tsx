import { cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { MentionBadge } from "~/features/unread/count-badge";

import { renderIntl } from "./support/intl";

afterEach(cleanup);

describe("the mention badge", () => {
  it("names its count with the language's plural, and stops counting at the server's cap", () => {
    const labels = (locale: "en" | "fr") =>
      [1, 2, 100].map((count) => {
        cleanup();
        renderIntl(<MentionBadge count={count} />, { locale });
        return [screen.getByTestId("mention-badge").getAttribute("aria-label"), screen.getByTestId("mention-badge").textContent];
      });
    expect(labels("en")).toEqual([
      ["1 mention", "1"],
      ["2 mentions", "2"],
      ["over 99 mentions", "99+"],
    ]);
    expect(labels("fr")).toEqual([
      ["1 mention", "1"],
      ["2 mentions", "2"],
      ["plus de 99 mentions", "99+"],
    ]);
  });

  it("is not there without mentions", () => {
    renderIntl(<MentionBadge count={0} />);
    expect(screen.queryByTestId("mention-badge")).toBeNull();
  });
});
