import { randomBytes } from "node:crypto";

import { type AppServer, type AppServerOptions, startAppServer } from "../../app-server";
import { ensureProductionBuild } from "../../support/production-build";

/**
 * The app as deployed: production build, the compiled server run by node, NODE_ENV=production
 * (secure cookies, no dev overlay), a database of its own, and any further settings in `env`. The browser reaches it as http://localhost, where Chromium keeps Secure cookies.
 */
export async function startProductionServer({ env = {}, ...options }: AppServerOptions & { env?: Record<string, string> } = {}): Promise<AppServer> {
  ensureProductionBuild();
  const server = await startAppServer(
    { NODE_ENV: "production", AUTH_SECRET: randomBytes(32).toString("hex"), ...env },
    { ...options, entry: "dist/server.js" },
  );
  return { ...server, url: server.url.replace("127.0.0.1", "localhost") };
}
