import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

import { inheritedEnvironment } from "./config";
import { progress } from "./report";

const repo = path.resolve(import.meta.dirname, "../../..");
const buildId = path.join(repo, "apps/web/.next/BUILD_ID");
const sources = [path.join(repo, "apps/web/src"), path.join(repo, "apps/web/server.ts"), path.join(repo, "packages")];

function newestSource(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return /\.(ts|tsx|css)$/.test(entry) ? stat.mtimeMs : 0;
  let newest = 0;
  for (const name of readdirSync(entry)) {
    if (name === "node_modules" || name === "test" || name.startsWith(".")) continue;
    newest = Math.max(newest, newestSource(path.join(entry, name)));
  }
  return newest;
}

/** Whether a production build of the web app is there, newer than every source file. */
export function webBuildIsFresh(): boolean {
  return existsSync(buildId) && statSync(buildId).mtimeMs > Math.max(...sources.map(newestSource));
}

/** Runs `next build` for the web app unless a fresh build is there. */
export function ensureWebBuild(force: boolean): void {
  if (!force && webBuildIsFresh()) return;
  progress("building the web app for production (next build)");
  // Without the database URLs: the build needs none, and the production settings check refuses DATABASE_URL without AUTH_SECRET.
  execFileSync("pnpm", ["--filter", "@chat/web", "build"], { cwd: repo, env: inheritedEnvironment(), stdio: ["ignore", "ignore", "inherit"] });
}
