/**
 * Logging in is a soft navigation now (a Server Action's redirect), so the page's cache can
 * outlive a session: when the chat pages mount for another user, nothing of the previous one's
 * carries over; the same user keeps theirs.
 */
import { useQueryClient } from "@tanstack/react-query";
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { TRPCReactProvider } from "~/trpc/react";

afterEach(cleanup);

const key = ["private", "messages"];
let seen: unknown;

function Cache({ write }: { write?: string }) {
  const queryClient = useQueryClient();
  if (write) queryClient.setQueryData(key, write);
  seen = queryClient.getQueryData(key);
  return null;
}

function mountFor(viewerId: string, write?: string) {
  cleanup();
  render(
    <TRPCReactProvider viewerId={viewerId}>
      <Cache write={write} />
    </TRPCReactProvider>,
  );
  return seen;
}

describe("the browser's API clients belong to one user", () => {
  it("drops the cache when someone else signs in, and keeps it for the same user", () => {
    mountFor("1", "alice's messages");
    expect(mountFor("1")).toBe("alice's messages");
    expect(mountFor("2")).toBeUndefined();
  });
});
