import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { MessageText } from "~/features/messages/message-text";

afterEach(cleanup);

function mentionsIn(content: string, mentioned: string[], mentionsEveryone = false, readerName = "ana") {
  const { container } = render(
    <p>
      <MessageText content={content} mentioned={new Set(mentioned)} mentionsEveryone={mentionsEveryone} readerName={readerName} />
    </p>,
  );
  expect(container.textContent).toBe(content); // the text itself never changes
  return [...container.querySelectorAll("[data-mention]")].map((span) => span.textContent);
}

describe("message text", () => {
  it("highlights only the mentions the API resolved, in any letter case, a trailing full stop aside", () => {
    expect(mentionsIn("hi @Ana and @bob, thanks @carl.", ["ana", "carl"])).toEqual(["@Ana", "@carl"]);
  });

  it("leaves email addresses and unresolved names as text", () => {
    expect(mentionsIn("mail ana@example.com or @nobody", ["ana"])).toEqual([]);
  });

  it("highlights @everyone only when it mentioned everyone", () => {
    expect(mentionsIn("@everyone look", [], true)).toEqual(["@everyone"]);
    expect(mentionsIn("@everyone look", [], false)).toEqual([]);
  });
});
