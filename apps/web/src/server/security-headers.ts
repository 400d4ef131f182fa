import { randomBytes } from "node:crypto";

import { STATIC_ASSETS_PATH } from "./static-assets";

type Policy = Record<string, string[]>;

const shared: Policy = {
  "default-src": ["'self'"],
  "style-src": ["'self'", "'unsafe-inline'"],
  // No remote origin: link previews' images are copies served by us (/api/embeds), so a reader's address never reaches the site.
  "img-src": ["'self'", "data:", "blob:"],
  "font-src": ["'self'", "data:"],
  // A separate realtime server (the scaled mode) may live on another host.
  "connect-src": ["'self'", "ws:", "wss:"],
  // The service worker (/sw.js): under 'strict-dynamic' script-src ignores 'self', and workers fall back to it.
  "worker-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

/**
 * API answers and the build's scripts, styles and fonts are never documents to run: nothing may load,
 * frame or submit. One fixed policy, not a page's with a fresh nonce: HTTP/2 sends a repeated header once.
 */
const inertPolicy: Policy = {
  "default-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'none'"],
  "frame-ancestors": ["'none'"],
};

/** A stored file, if a browser opens it as a document: a sandbox in which nothing runs or loads. */
const filePolicy = "sandbox; default-src 'none'";

/** Swagger UI bootstraps with an inline script of its own, without a nonce: /docs keeps inline scripts. */
const docsPolicy: Policy = { ...shared, "script-src": ["'self'", "'unsafe-inline'"] };

const serialize = (policy: Policy) =>
  Object.entries(policy)
    .map(([directive, sources]) => `${directive} ${sources.join(" ")}`)
    .join("; ");

function underPath(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/** The path a request asks for, as Next.js will route it (dot segments resolved); "/" when unparsable. */
export function pathnameOf(url: string | undefined): string {
  try {
    return new URL(url ?? "/", "http://localhost").pathname;
  } catch {
    return "/";
  }
}

export interface SecurityHeaderOptions {
  dev: boolean;
  /** The address people open: when it is https, browsers are told to use nothing else (HSTS). */
  publicUrl: string | undefined;
  /** The object store's origin, when files go to S3: pages PUT uploads there and load redirected files from it. */
  storageOrigin?: string;
}

/**
 * Headers for every response of the web process (server.ts sets them before Next.js or anything
 * else answers). The Content-Security-Policy depends on what is served: the app's pages run only
 * scripts carrying this response's nonce (Next.js adds it to its own, reading it from the
 * request's copy of the policy) and what those load ('strict-dynamic'); /docs allows inline
 * scripts; the API allows nothing. The other headers are the same everywhere.
 */
export function createSecurityHeaders({ dev, publicUrl, storageOrigin }: SecurityHeaderOptions) {
  const fixed: Record<string, string> = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "cross-origin-opener-policy": "same-origin",
    ...(publicUrl?.startsWith("https:") && { "strict-transport-security": "max-age=63072000; includeSubDomains" }),
  };
  const inert = serialize(inertPolicy);
  const docs = serialize(docsPolicy);
  const store = storageOrigin ? [storageOrigin] : [];
  const pages: Policy = {
    ...shared,
    "img-src": [...shared["img-src"]!, ...store],
    "media-src": ["'self'", "blob:", ...store],
    "connect-src": [...shared["connect-src"]!, ...store],
  };

  function pagePolicy(): string {
    const nonce = randomBytes(16).toString("base64");
    // Next.js in development evaluates code for hot reload and React's dev tooling.
    const scripts = ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])];
    return serialize({ ...pages, "script-src": scripts });
  }

  return (pathname: string): Record<string, string> => {
    const policy = underPath(pathname, "/api/attachments") || underPath(pathname, "/api/embeds")
      ? filePolicy
      : underPath(pathname, "/api") || underPath(pathname, STATIC_ASSETS_PATH)
        ? inert
        : underPath(pathname, "/docs")
          ? docs
          : pagePolicy();
    return { ...fixed, "content-security-policy": policy };
  };
}
