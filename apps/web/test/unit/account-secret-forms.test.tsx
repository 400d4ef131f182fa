/**
 * The account dialog's password and two-factor forms exist only once the page's JavaScript runs,
 * and submit in the background: still, each says method="post", so that no path (a script that
 * failed half-way, a browser quirk) could ever send the passwords or codes in a URL.
 */
import type { AppRouter } from "@chat/api";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, screen } from "@testing-library/react";
import { type TRPCLink, createTRPCClient } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { afterEach, describe, expect, it } from "vitest";

import { SecurityTab } from "~/features/account/security-tab";
import { TRPCProvider } from "~/trpc/react";

import { renderIntl } from "./support/intl";

afterEach(cleanup);

/** Answers twoFactor.status with two-factor on, so that its code forms show; nothing else is sent. */
const statusLink: TRPCLink<AppRouter> = () => () =>
  observable((observer) => {
    observer.next({ result: { data: { enabled: true, recoveryCodesLeft: 10 } } });
    observer.complete();
  });

function renderSecurityTab() {
  const queryClient = new QueryClient();
  const client = createTRPCClient<AppRouter>({ links: [statusLink] });
  renderIntl(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <SecurityTab />
      </TRPCProvider>
    </QueryClientProvider>,
  );
}

describe("account dialog forms", () => {
  it("every form posts, and a hydrated submission stays in the page", async () => {
    renderSecurityTab();
    await screen.findByText(/^On\./);
    const forms = [...document.querySelectorAll("form")];
    expect(forms).toHaveLength(3); // password, turn off two-factor, new recovery codes
    for (const form of forms) {
      expect(form.getAttribute("method")).toBe("post");
      expect(fireEvent.submit(form)).toBe(false); // default prevented: the script sends it
    }
  });
});
