import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { extractCard } from "../src/embeds/extract";
import { RefusedUrl, USER_AGENT, createSafeFetch, isPublicAddress } from "../src/embeds/safe-fetch";
import { type PageServer, htmlPage, startPageServer } from "./page-server";

let site: PageServer;
beforeAll(async () => {
  site = await startPageServer();
});
afterAll(() => site.close());

const card = `<title>Fallback</title><meta property="og:title" content="Rust &amp; Tea"><meta property="og:description" content="A blog">
  <meta property="og:site_name" content="Tea Times"><meta property="og:image" content="/tea.png">`;

describe("the link-preview fetcher", () => {
  it("fetches an allow-listed local page, with its User-Agent, and reads its card", async () => {
    site.pages.set("/tea", htmlPage(card));
    const fetcher = createSafeFetch({ allowHosts: [site.host] });
    const page = await fetcher.fetchPage(`${site.origin}/tea`);
    expect(site.requests.at(-1)?.userAgent).toBe(USER_AGENT);
    expect(extractCard(page!.html, page!.url)).toEqual({
      url: `${site.origin}/tea`,
      title: "Rust & Tea",
      description: "A blog",
      siteName: "Tea Times",
      imageUrl: `${site.origin}/tea.png`,
    });
    await fetcher.close();
  });

  it.each([
    ["127.0.0.1", "http://127.0.0.1/"],
    ["10.0.0.1", "http://10.0.0.1/"],
    ["the metadata address", "http://169.254.169.254/latest/meta-data/"],
    ["[::1]", "http://[::1]/"],
    ["an IPv4-mapped loopback", "http://[::ffff:127.0.0.1]/"],
    ["0.0.0.0", "http://0.0.0.0/"],
    ["a name resolving to loopback", "http://localhost/"],
    ["the local page without the allow-list", "http://127.0.0.1:1/tea"],
    ["another scheme", "file:///etc/passwd"],
    ["another port", "http://example.com:8080/"],
  ])("refuses %s by default", async (_name, url) => {
    const fetcher = createSafeFetch();
    await expect(fetcher.fetchPage(url)).rejects.toBeInstanceOf(RefusedUrl);
    await fetcher.close();
  });

  it("refuses a name resolving to loopback even on an allow-listed port's address", async () => {
    const fetcher = createSafeFetch({ allowHosts: [site.host] });
    await expect(fetcher.fetchPage(site.origin.replace("127.0.0.1", "localhost") + "/tea")).rejects.toBeInstanceOf(RefusedUrl);
    await fetcher.close();
  });

  it("checks every redirect again, and follows at most 3", async () => {
    site.pages.set("/to-metadata", (_req, res) => res.writeHead(302, { location: "http://169.254.169.254/" }).end());
    site.pages.set("/to-localhost", (_req, res) => res.writeHead(301, { location: "http://localhost/" }).end());
    for (let hop = 0; hop < 4; hop++) site.pages.set(`/hop${hop}`, (_req, res) => res.writeHead(302, { location: `/hop${hop + 1}` }).end());
    site.pages.set("/hop4", htmlPage(card));
    site.pages.set("/hop1-only", (_req, res) => res.writeHead(302, { location: "/hop3" }).end());
    const fetcher = createSafeFetch({ allowHosts: [site.host] });
    await expect(fetcher.fetchPage(`${site.origin}/to-metadata`)).rejects.toBeInstanceOf(RefusedUrl);
    await expect(fetcher.fetchPage(`${site.origin}/to-localhost`)).rejects.toBeInstanceOf(RefusedUrl);
    await expect(fetcher.fetchPage(`${site.origin}/hop0`)).rejects.toThrow(/more than 3 redirects/);
    expect((await fetcher.fetchPage(`${site.origin}/hop1-only`))?.url).toBe(`${site.origin}/hop4`);
    await fetcher.close();
  });

  it("stops reading at 2 MiB", async () => {
    site.pages.set("/endless", (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = "<!-- filler -->".repeat(4096);
      const write = () => {
        while (res.write(chunk));
        res.once("drain", write);
      };
      res.on("close", () => res.removeAllListeners("drain"));
      write();
    });
    const fetcher = createSafeFetch({ allowHosts: [site.host] });
    const page = await fetcher.fetchPage(`${site.origin}/endless`);
    expect(page!.html.length).toBe(2 * 1024 * 1024);
    await fetcher.close();
  });

  it("gives up after its time limit", async () => {
    site.pages.set("/slow", (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<html><head>");
    });
    const fetcher = createSafeFetch({ allowHosts: [site.host], timeoutMs: 300 });
    const started = Date.now();
    await expect(fetcher.fetchPage(`${site.origin}/slow`)).rejects.toThrow(/abort|timeout/i);
    expect(Date.now() - started).toBeLessThan(2_000);
    await fetcher.close();
  });

  it("reads only HTML", async () => {
    site.pages.set("/image", (_req, res) => res.writeHead(200, { "content-type": "image/png" }).end("png"));
    const fetcher = createSafeFetch({ allowHosts: [site.host] });
    expect(await fetcher.fetchPage(`${site.origin}/image`)).toBeNull();
    await fetcher.close();
  });
});

describe("public addresses", () => {
  it.each(["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1", "169.254.169.254", "0.0.0.0", "::1", "::", "::ffff:10.0.0.1", "fc00::1", "fd00:ec2::254", "fe80::1", "not an address"])(
    "%s is not",
    (address) => expect(isPublicAddress(address)).toBe(false),
  );
  it.each(["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "::ffff:93.184.216.34"])("%s is", (address) =>
    expect(isPublicAddress(address)).toBe(true),
  );
});

describe("the card", () => {
  it("cuts long text, falls back to the Twitter card and <title>, and keeps only http(s) images", () => {
    const html = `<head><title> Plain  title </title><meta name="twitter:description" content="${"d".repeat(2000)}">
      <meta property="og:image" content="javascript:alert(1)"></head><body><meta property="og:title" content="late"></body>`;
    const read = extractCard(html, "https://example.com/")!;
    expect(read.title).toBe("Plain title");
    expect(read.description).toHaveLength(1024);
    expect(read.imageUrl).toBeNull();
    expect(extractCard("<p>nothing</p>", "https://example.com/")).toBeNull();
  });
});
