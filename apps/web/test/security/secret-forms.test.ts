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

/** The hidden fields of the first form of a page: what a browser without JavaScript posts to name the Server Action. */
async function hiddenFields(path: string): Promise<[string, string][]> {
  const html = await (await fetch(`${baseUrl}${path}`)).text();
  const form = /<form\b[\s\S]*?<\/form>/i.exec(html)![0];
  const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  const unescape = (text: string) => text.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
  return (form.match(/<input\b[^>]*>/gi) ?? [])
    .filter((tag) => attribute(tag, "type") === "hidden")
    .map((tag) => [attribute(tag, "name")!, unescape(attribute(tag, "value") ?? "")]);
}

/** Submits the log-in form as a browser without JavaScript would: multipart, to the page itself. */
async function postLogIn(fields: [string, string][], email: string, attempt: string, origin = baseUrl) {
  const body = new FormData();
  for (const [name, value] of fields) body.append(name, value);
  body.append("email", email);
  body.append("password", attempt);
  return fetch(`${baseUrl}/login`, { method: "POST", body, headers: { origin }, redirect: "manual" });
}

const me = (cookie: string) => fetch(`${baseUrl}/api/trpc/auth.me`, { headers: { cookie } }).then((response) => response.status);

describe("secret-bearing forms", () => {
  it.each(["/login", "/signup", "/login?next=%2Fchannels"])("every form of %s posts, in the HTML as served", async (path) => {
    const forms = await formTags(path);
    expect(forms.length).toBeGreaterThan(0);
    for (const form of forms) expect(form).toMatch(/\smethod="post"/i);
  });
});

describe("the log-in Server Action, posted without JavaScript", () => {
  it("signs in: 303 to the page asked for, with the session cookie", async () => {
    const user = await signUp(rest, "action");
    const response = await postLogIn(await hiddenFields("/login?next=%2Fchannels%2Fsomewhere"), user.email, password);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/channels/somewhere");
    const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
    expect(cookie).toMatch(/^chat_session=./);
    expect(await me(cookie)).toBe(200);
  });

  it("answers a wrong password on the page, without the password, and keeps the login rate limit", async () => {
    const user = await signUp(rest, "action");
    const fields = await hiddenFields("/login");
    const pages: string[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      const response = await postLogIn(fields, user.email, `wrong-password-${attempt}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("set-cookie")).toBeNull();
      pages.push(await response.text());
    }
    expect(pages[0]).toContain("Wrong email or password");
    expect(pages[0]).not.toContain("wrong-password-0");
    expect(pages.at(-1)).toMatch(/Too many requests, retry in \d+ s/);
  });

  it("is refused (403) from another site's page (login CSRF): no session", async () => {
    const user = await signUp(rest, "action");
    const response = await postLogIn(await hiddenFields("/login"), user.email, password, "https://evil.example");
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.status).toBe(403);
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
