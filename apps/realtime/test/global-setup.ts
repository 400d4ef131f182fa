import { execFileSync } from "node:child_process";
import path from "node:path";

/** The tests start the server as deployed, compiled (`pnpm build`, a second's work here) from the sources as they are now. */
export default function compileServer(): void {
  execFileSync("pnpm", ["run", "build"], { cwd: path.resolve(import.meta.dirname, ".."), stdio: ["ignore", "ignore", "inherit"] });
}
