import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const webDir = path.resolve(import.meta.dirname, "../../..");
const repoDir = path.resolve(webDir, "../..");
const buildId = path.join(webDir, ".next", "BUILD_ID");

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * The browser tests run the production build, as people get it. CI builds before testing; on a
 * developer's machine a missing or stale build (sources newer than it) is rebuilt here first.
 */
export function ensureProductionBuild(): void {
  const sources = [path.join(webDir, "src"), ...readdirSync(path.join(repoDir, "packages")).map((name) => path.join(repoDir, "packages", name, "src"))];
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changed = Math.max(...sources.filter((dir) => existsSync(dir)).map(newestChange));
  if (built > changed) return;
  execFileSync(process.execPath, [path.join(webDir, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: webDir,
    stdio: "inherit",
    env: { PATH: process.env.PATH, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" }, // eslint-disable-line no-restricted-properties -- the build needs the caller's PATH
  });
}
