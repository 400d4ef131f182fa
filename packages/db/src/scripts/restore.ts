/**
 * `pnpm db:restore <file> [--force]`: replaces the database the settings name with a backup made by
 * `pnpm db:backup`. Stop the app first. A database that holds data is replaced only with --force
 * (the embedded data folder is then moved aside, not deleted). Relative paths start at the repository root.
 */
import path from "node:path";

import { workspaceRoot } from "@chat/env";

import { RestoreRefused, processBackupTarget, restoreDatabase } from "../backup";

const args = process.argv.slice(2);
const fileArgument = args.find((arg) => !arg.startsWith("--"));
if (!fileArgument) {
  console.error("usage: pnpm db:restore <backup file> [--force]");
  process.exit(2);
}
const target = processBackupTarget();
const file = path.resolve(workspaceRoot(), fileArgument);
const started = Date.now();
try {
  await restoreDatabase(target, file, { force: args.includes("--force") });
} catch (error) {
  if (!(error instanceof RestoreRefused)) throw error;
  console.error(`restore refused: ${error.message}`);
  process.exit(3);
}
console.log(JSON.stringify({ level: "info", msg: "backup restored", database: target.kind, file, ms: Date.now() - started }));
