/**
 * Headers on every response of the web process (server.ts sets them before Next.js or anything
 * else answers). The policy lets the app and the /docs Swagger UI run and nothing else:
 * scripts and styles from this origin (inline ones too: Next.js bootstraps with inline scripts,
 * Swagger UI with one), connections to this origin and WebSockets, no framing, no plugins.
 */
export function securityHeaders({ dev }: { dev: boolean }): Record<string, string> {
  const policy = {
    "default-src": ["'self'"],
    // Next.js in development evaluates code for hot reload and React's dev tooling.
    "script-src": ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    // A separate realtime server (the scaled mode) may live on another host.
    "connect-src": ["'self'", "ws:", "wss:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return {
    "content-security-policy": Object.entries(policy)
      .map(([directive, sources]) => `${directive} ${sources.join(" ")}`)
      .join("; "),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "cross-origin-opener-policy": "same-origin",
  };
}
