import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

import { bodyLimits } from "./src/server/body-limits";

const config: NextConfig = {
  // Workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ["@chat/api", "@chat/auth", "@chat/db", "@chat/env", "@chat/realtime", "@chat/server-kit", "@chat/validators"],
  // Native addons, WASM and drivers load from node_modules at run time instead of being bundled.
  // swagger-ui-dist: its files are read from its folder (for /docs), which bundling would hide.
  // web-push: Node-only (https, crypto), used by the server alone.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@node-rs/argon2",
    "postgres",
    "pino",
    "pino-pretty",
    "ioredis",
    "ws",
    "swagger-ui-dist",
    "web-push",
  ],
  // The dev server serves its hot-reload socket and chunks to localhost only; a page opened at a loopback
  // address would never hydrate (and its forms would post before React took over).
  allowedDevOrigins: ["127.0.0.1", "::1"],
  experimental: {
    // The bodies Next.js reads itself (server.ts refuses larger ones before Next.js sees them).
    serverActions: { bodySizeLimit: bodyLimits.pages },
    proxyClientMaxBodySize: bodyLimits.pages,
    // Fewer, larger client chunks: the same code compresses better together (first-load JS for a
    // channel: 16 scripts → 8, 221.8 → 213.8 kB gzip; README, "Speed of the client").
    turbopackChunking: { minChunkSize: 500_000, maxMergeChunkSize: 2_000_000 },
  },
  poweredByHeader: false,
  // The icon sprite's address changes with its content (src/components/icon-sprite-url.ts): browsers may keep each one.
  async headers() {
    const immutable = { key: "cache-control", value: "public, max-age=31536000, immutable" };
    return [{ source: "/icons.svg", has: [{ type: "query", key: "v" }], headers: [immutable] }];
  },
  reactStrictMode: true,
};

// Catalogues are precompiled at build time, so the browser gets no ICU message parser.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./src/i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: ["en", "fr"], precompile: true } },
});

export default withNextIntl(config);
