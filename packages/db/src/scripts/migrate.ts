import { migrateDatabase } from "../migrate";
import { closeProcessDatabase, getProcessDatabase } from "../process-database";

const started = Date.now();
const handle = await getProcessDatabase();
console.log(JSON.stringify({ level: "info", msg: "applying migrations", database: handle.kind }));
await migrateDatabase(handle);
console.log(JSON.stringify({ level: "info", msg: "migrations applied", database: handle.kind, ms: Date.now() - started }));
await closeProcessDatabase();
