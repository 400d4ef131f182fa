import { sql } from "drizzle-orm";
import { bigint, index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/** Every id is a snowflake (see ids.ts): time-sortable, so messages page by keyset on the primary key. */
const snowflake = (name?: string) => (name ? bigint(name, { mode: "bigint" }) : bigint({ mode: "bigint" }));
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

export const roleEnum = pgEnum("member_role", ["owner", "admin", "member"]);

export const users = pgTable(
  "users",
  {
    id: snowflake().primaryKey(),
    username: text().notNull(),
    email: text().notNull(),
    passwordHash: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_username_lower_key").on(sql`lower(${t.username})`),
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
  ],
);

/** A row per issued token: logout or revocation sets revokedAt, and the token stops working at once. */
export const sessions = pgTable(
  "sessions",
  {
    id: snowflake().primaryKey(),
    userId: snowflake()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    userAgent: text(),
    createdAt: createdAt(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId)],
);

export const servers = pgTable("servers", {
  id: snowflake().primaryKey(),
  name: text().notNull(),
  // RESTRICT: an account cannot disappear while it owns a server; ownership is transferred or the server deleted first.
  ownerId: snowflake()
    .notNull()
    .references(() => users.id, { onDelete: "restrict" }),
  inviteCode: text().notNull().unique("servers_invite_code_key"),
  createdAt: createdAt(),
});

export const serverMembers = pgTable(
  "server_members",
  {
    serverId: snowflake()
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    userId: snowflake()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum().notNull().default("member"),
    joinedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.serverId, t.userId] }), index("server_members_user_id_idx").on(t.userId)],
);

export const channels = pgTable(
  "channels",
  {
    id: snowflake().primaryKey(),
    serverId: snowflake()
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    name: text().notNull(),
    topic: text().notNull().default(""),
    createdAt: createdAt(),
    /** The seq of the channel's latest event; bumping it locks the row, so seqs commit in order. */
    lastSeq: bigint({ mode: "bigint" }).notNull().default(sql`0`),
  },
  (t) => [uniqueIndex("channels_server_id_name_key").on(t.serverId, t.name)],
);

export const messages = pgTable(
  "messages",
  {
    id: snowflake().primaryKey(),
    channelId: snowflake()
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    // SET NULL: conversations outlive a deleted account; the author shows as a deleted user.
    authorId: snowflake().references(() => users.id, { onDelete: "set null" }),
    content: text().notNull(),
    createdAt: createdAt(),
    editedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("messages_channel_id_id_idx").on(t.channelId, t.id)],
);

export const channelEventType = pgEnum("channel_event_type", ["created", "updated", "deleted"]);

/**
 * The channel's event log, written in the same transaction as the change it describes: a client
 * that reconnects with the last seq it saw replays every later event (sends, edits, deletions).
 * `message` is the snapshot the event carried; a deletion blanks the earlier snapshots of that
 * message, so deleted text does not live on here.
 */
export const channelEvents = pgTable(
  "channel_events",
  {
    channelId: snowflake()
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    seq: bigint({ mode: "bigint" }).notNull(),
    type: channelEventType().notNull(),
    messageId: snowflake().notNull(),
    message: jsonb(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.seq] }), index("channel_events_message_id_idx").on(t.messageId)],
);

export type User = typeof users.$inferSelect;
export type Server = typeof servers.$inferSelect;
export type Channel = typeof channels.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type Member = typeof serverMembers.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type ChannelEventRow = typeof channelEvents.$inferSelect;
