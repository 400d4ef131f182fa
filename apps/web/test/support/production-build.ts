import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const webDir = path.resolve(import.meta.dirname, "../..");
const repoDir = path.resolve(webDir, "../..");
/** What `pnpm build` makes: Next's build and the compiled server. */
const outputs = [path.join(webDir, ".next", "BUILD_ID"), path.join(webDir, "dist", "server.js")];

function newestChange(entry: string): number {
  if (!statSync(entry).isDirectory()) return statSync(entry).mtimeMs;
  let newest = 0;
  for (const item of readdirSync(entry, { withFileTypes: true })) {
    if (item.name === "node_modules" || item.name.startsWith(".")) continue;
    newest = Math.max(newest, newestChange(path.join(entry, item.name)));
  }
  return newest;
}

/**
 * The browser tests and the HTTP tests' shared server run the production build, as people get it.
 * CI builds before testing; on a developer's machine a missing or stale build (sources newer than
 * it) is rebuilt here first.
 */
export function ensureProductionBuild(): void {
  const sources = [
    path.join(webDir, "src"),
    path.join(webDir, "server.ts"),
    path.join(webDir, "messages"),
    ...readdirSync(path.join(repoDir, "packages")).map((name) => path.join(repoDir, "packages", name, "src")),
  ];
  const built = Math.min(...outputs.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));
  const changed = Math.max(...sources.filter((entry) => existsSync(entry)).map(newestChange));
  if (built > changed) return;
  execFileSync("pnpm", ["run", "build"], {
    cwd: webDir,
    stdio: "inherit",
    env: { PATH: process.env.PATH, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" }, // eslint-disable-line no-restricted-properties -- the build needs the caller's PATH
  });
}
