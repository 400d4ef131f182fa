/**
 * `pnpm db:backup [file]`: writes a backup of the database the settings name (DATABASE_URL, or the
 * embedded one under DATA_DIR, which must not be in use) to `file`, by default
 * backups/chat-<time>.dump (PostgreSQL) or .tar.gz (embedded). Relative paths start at the repository root.
 */
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";

import { workspaceRoot } from "@chat/env";

import { backupDatabase, backupExtension, processBackupTarget } from "../backup";

const target = processBackupTarget();
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const file = path.resolve(workspaceRoot(), process.argv[2] ?? path.join("backups", `chat-${stamp}${backupExtension(target)}`));
mkdirSync(path.dirname(file), { recursive: true });
const started = Date.now();
await backupDatabase(target, file);
console.log(JSON.stringify({ level: "info", msg: "backup written", database: target.kind, file, bytes: statSync(file).size, ms: Date.now() - started }));
