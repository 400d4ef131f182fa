import type { TestProject } from "vitest/node";

import { startAppServer } from "./app-server";
import { sharedAppEnv } from "./shared-app-env";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** One real app server for the whole run: Next.js allows one dev server per app folder at a time. */
export default async function setup(project: TestProject) {
  const server = await startAppServer(sharedAppEnv);
  project.provide("baseUrl", server.url);
  return () => server.stop();
}
