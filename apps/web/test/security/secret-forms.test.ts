/**
 * Forms that carry secrets never use GET (issue 13, item 9), checked on the real app server
 * without a browser: every form of the sign-in pages posts, as served before any script runs,
 * and log out is a POST that another site cannot make. The browser side of it, with JavaScript
 * off and before hydration, is test/e2e/secret-forms.test.ts.
 */
import { describe, expect, inject, it } from "vitest";

import { useOwnClientAddress } from "../support/client-address";
import { password, restClient, signUp } from "../support/http";

useOwnClientAddress();
const baseUrl = inject("baseUrl");
const rest = restClient(baseUrl);

/** The opening tags of the forms in a page's server-rendered HTML. */
async function formTags(path: string): Promise<string[]> {
  const response = await fetch(`${baseUrl}${path}`);
  expect(response.status).toBe(200);
  return (await response.text()).match(/<form\b[^>]*>/gi) ?? [];
}

async function sessionOf(email: string) {
  const response = await fetch(`${baseUrl}/api/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: { email, password } }),
  });
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

const me = (cookie: string) => fetch(`${baseUrl}/api/trpc/auth.me`, { headers: { cookie } }).then((response) => response.status);

describe("secret-bearing forms", () => {
  it.each(["/login", "/signup", "/login?next=%2Fchannels"])("every form of %s posts, in the HTML as served", async (path) => {
    const forms = await formTags(path);
    expect(forms.length).toBeGreaterThan(0);
    for (const form of forms) expect(form).toMatch(/\smethod="post"/i);
  });
});

describe("log out", () => {
  it("is a POST that revokes the session, clears the cookie and sends the browser to log in", async () => {
    const user = await signUp(rest, "logout");
    const cookie = await sessionOf(user.email);
    expect(await me(cookie)).toBe(200);
    const response = await fetch(`${baseUrl}/logout`, { method: "POST", headers: { cookie, origin: baseUrl }, redirect: "manual" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/login");
    expect(response.headers.get("set-cookie")).toMatch(/^chat_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(await me(cookie)).toBe(401);
  });

  it("refuses GET (405) and a POST from another site's page (403), leaving the session alone", async () => {
    const user = await signUp(rest, "logout");
    const cookie = await sessionOf(user.email);
    expect((await fetch(`${baseUrl}/logout`, { headers: { cookie }, redirect: "manual" })).status).toBe(405);
    const forged = await fetch(`${baseUrl}/logout`, { method: "POST", headers: { cookie, origin: "https://evil.example" }, redirect: "manual" });
    expect(forged.status).toBe(403);
    expect(forged.headers.get("set-cookie")).toBeNull();
    expect(await me(cookie)).toBe(200);
  });

  it("without a session, still ends on the log-in page", async () => {
    const response = await fetch(`${baseUrl}/logout`, { method: "POST", headers: { origin: baseUrl }, redirect: "manual" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/login");
  });
});
