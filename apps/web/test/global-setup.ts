import type { TestProject } from "vitest/node";

import { startAppServer } from "./app-server";
import { startLinkSite } from "./link-site";
import { sharedAppEnv } from "./shared-app-env";
import { ensureProductionBuild } from "./support/production-build";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** A page with an Open Graph card that the app server may fetch previews of (link-site.ts). */
    linkPageUrl: string;
  }
}

/**
 * One real app server for the whole run, as deployed: the production build run by node. (Next's
 * development server starts a worker process for every request to a dynamic route, `/api/trpc/…`
 * among them: under the HTTP tests' thousands of calls that took a core. `dev-server.test.ts`
 * starts one of its own.)
 */
export default async function setup(project: TestProject) {
  ensureProductionBuild();
  const site = await startLinkSite();
  const server = await startAppServer(
    { NODE_ENV: "production", ...sharedAppEnv, LINK_PREVIEW_ALLOW_HOSTS: site.host },
    { entry: "dist/server.js" },
  );
  project.provide("baseUrl", server.url);
  project.provide("linkPageUrl", site.pageUrl);
  return async () => {
    await server.stop();
    await site.close();
  };
}
