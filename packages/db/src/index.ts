export * from "drizzle-orm/sql";
export { alias, type SelectedFields } from "drizzle-orm/pg-core";
export { getTableColumns } from "drizzle-orm";
export * from "./schema";
export { openDatabase, rowsOf, type Database, type DatabaseHandle, type DatabaseOptions, type Transaction } from "./client";
export { getProcessDatabase, closeProcessDatabase } from "./process-database";
export { nextId, idTime, idFloorAt, ID_EPOCH_MS } from "./ids";
export { builtInRoles } from "./built-in-roles";
