import type { TestProject } from "vitest/node";

import { startAppServer } from "./app-server";
import { startLinkSite } from "./link-site";
import { sharedAppEnv } from "./shared-app-env";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** A page with an Open Graph card that the app server may fetch previews of (link-site.ts). */
    linkPageUrl: string;
  }
}

/** One real app server for the whole run: Next.js allows one dev server per app folder at a time. */
export default async function setup(project: TestProject) {
  const site = await startLinkSite();
  const server = await startAppServer({ ...sharedAppEnv, LINK_PREVIEW_ALLOW_HOSTS: site.host });
  project.provide("baseUrl", server.url);
  project.provide("linkPageUrl", site.pageUrl);
  return async () => {
    await server.stop();
    await site.close();
  };
}
