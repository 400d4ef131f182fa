import { lookup as dnsLookup } from "node:dns";
import { type LookupFunction, isIP } from "node:net";

import ipaddr from "ipaddr.js";
import { Agent, fetch } from "undici";

/** A link the fetcher will not follow: a scheme, port or address it must not reach. */
export class RefusedUrl extends Error {
  override name = "RefusedUrl";
}

export interface SafeFetchOptions {
  /**
   * Hosts (as written in the URL, `name` or `name:port`) exempt from the address and port checks.
   * Only tests and deliberate deployments set it (LINK_PREVIEW_ALLOW_HOSTS): empty by default.
   */
  allowHosts?: readonly string[];
  timeoutMs?: number;
  maxBytes?: number;
}

export interface FetchedPage {
  /** Where the last redirect led. */
  url: string;
  /** At most `maxBytes` of the body, decoded as UTF-8; longer bodies are cut there. */
  html: string;
}

/** Says what the request is, so a site can tell previews from people (and block them if it likes). */
export const USER_AGENT = "ChatRTC-LinkPreview/1.0 (link preview for a self-hosted Chat RTC server)";
const MAX_REDIRECTS = 3;
const DEFAULT_PORTS = new Set(["", "80", "443"]);

/**
 * Only unicast addresses on the public internet: ipaddr.js names every reserved range (loopback,
 * private, link-local with the 169.254.169.254 metadata address, carrier-grade NAT, unique local
 * fc00::/7, unspecified, multicast…), and an IPv4-mapped IPv6 address is judged as its IPv4 form.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return parsed.range() === "unicast";
}

/**
 * Fetches an HTML page for a link preview (or the image of its card), or null when it is not HTML
 * (not within the image's limit) or not a success. Throws
 * RefusedUrl for a link it must not follow, and aborts past the time limit. Each connection
 * resolves its host once and connects to the checked address only (no second lookup for a
 * rebinding DNS to answer differently); redirects are followed by hand, each hop checked again.
 */
export function createSafeFetch(options: SafeFetchOptions = {}) {
  const allowHosts = new Set((options.allowHosts ?? []).map((host) => host.toLowerCase()));
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const isAllowed = (url: URL) => allowHosts.has(url.hostname) || allowHosts.has(url.host);

  const strict = new Agent({ connect: { lookup: checkedLookup }, connections: 4 });
  const lenient = new Agent({ connections: 4 });

  function check(url: URL): void {
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new RefusedUrl(`scheme ${url.protocol} is not followed`);
    if (url.username || url.password) throw new RefusedUrl("credentials in a link are not followed");
    if (isAllowed(url)) return;
    if (!DEFAULT_PORTS.has(url.port)) throw new RefusedUrl(`port ${url.port} is not followed`);
    // An address literal never reaches the lookup: judge it here.
    const literal = url.hostname.replace(/^\[|\]$/g, "");
    if (isIP(literal) && !isPublicAddress(literal)) throw new RefusedUrl(`${literal} is not a public address`);
  }

  /** The response at the end of the link's redirects, each hop checked. */
  async function follow(link: string, accept: string, signal: AbortSignal) {
    let url = new URL(link);
    for (let hop = 0; ; hop++) {
      check(url);
      const response = await fetch(url, {
        dispatcher: isAllowed(url) ? lenient : strict,
        redirect: "manual",
        signal,
        headers: { "user-agent": USER_AGENT, accept },
      }).catch(unwrapRefusal);
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        if (hop === MAX_REDIRECTS) throw new RefusedUrl(`more than ${MAX_REDIRECTS} redirects`);
        url = new URL(location, url);
        continue;
      }
      return { url, response };
    }
  }

  const deadlineWith = (signal?: AbortSignal) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    return signal ? AbortSignal.any([deadline, signal]) : deadline;
  };

  async function fetchPage(link: string, signal?: AbortSignal): Promise<FetchedPage | null> {
    const { url, response } = await follow(link, "text/html", deadlineWith(signal));
    const type = response.headers.get("content-type") ?? "";
    if (!response.ok || !/^text\/html\b/i.test(type)) {
      await response.body?.cancel();
      return null;
    }
    return { url: url.href, html: new TextDecoder().decode(await readCapped(response.body, maxBytes)) };
  }

  /**
   * The bytes of a card's image, or null when it is not a success or has more than `limit` bytes
   * (the download stops there). The type is not taken from the site's word: the caller sniffs it.
   */
  async function fetchImage(link: string, limit: number, signal?: AbortSignal): Promise<Buffer | null> {
    const { response } = await follow(link, "image/png, image/jpeg, image/gif, image/webp", deadlineWith(signal));
    const declared = Number(response.headers.get("content-length") ?? 0);
    if (!response.ok || declared > limit) {
      await response.body?.cancel();
      return null;
    }
    const bytes = await readCapped(response.body, limit + 1);
    return bytes.length > limit ? null : Buffer.from(bytes);
  }

  return {
    fetchPage,
    fetchImage,
    async close() {
      await Promise.all([strict.close(), lenient.close()]);
    },
  };
}

export type SafeFetch = ReturnType<typeof createSafeFetch>;

/** undici reports a failed connection as "fetch failed" with the lookup's error as its cause. */
function unwrapRefusal(error: unknown): never {
  if (error instanceof Error && error.cause instanceof RefusedUrl) throw error.cause;
  throw error;
}

/** dns.lookup for the sockets: every address the name has must be public, or none is used. */
const checkedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses) => {
    if (error) return callback(error, "");
    const refused = addresses.find(({ address }) => !isPublicAddress(address));
    if (refused || addresses.length === 0) {
      return callback(Object.assign(new RefusedUrl(`${hostname} resolves to ${refused?.address ?? "nothing"}`), { code: "EREFUSEDADDRESS" }), "");
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

/** A response body as both Node's and the DOM's stream types describe it (the web app type-checks this file with the DOM's). */
interface ByteStream {
  getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> };
}

/** Reads at most `maxBytes` of a body, then stops the download. */
async function readCapped(body: ByteStream | null, maxBytes: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let read = 0;
  while (read < maxBytes) {
    const { done, value } = await reader.read();
    if (done || !value) return Buffer.concat(chunks);
    const chunk = value.subarray(0, maxBytes - read);
    read += chunk.length;
    chunks.push(chunk);
  }
  await reader.cancel();
  return Buffer.concat(chunks);
}
