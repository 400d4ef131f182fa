/**
 * `pnpm db:seed`: the demo community (@chat/db's seedDemoCommunity) in the process database, five
 * people signing in with the password "password123". It runs here, where password hashing and the
 * database meet, so that the database package carries no hashing library.
 */
import { hashPassword } from "@chat/auth";
import { closeProcessDatabase, getProcessDatabase } from "@chat/db";
import { migrateDatabase } from "@chat/db/migrate";
import { DEMO_MESSAGE_COUNT, seedDemoCommunity } from "@chat/db/seed";

const handle = await getProcessDatabase();
await migrateDatabase(handle);
const seeded = await seedDemoCommunity(handle.db, await hashPassword("password123"));
const msg = seeded ? "seeded: sign in as alice@example.com / password123" : "already seeded: sign in as alice@example.com / password123";
console.log(JSON.stringify({ level: "info", msg, ...(seeded ? { messages: DEMO_MESSAGE_COUNT } : {}) }));
await closeProcessDatabase();
