import { auditActions, notifyLevels, securityEventKinds } from "@chat/validators";
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** Every id is a snowflake (see ids.ts): time-sortable, so messages page by keyset on the primary key. */
const snowflake = (name?: string) => (name ? bigint(name, { mode: "bigint" }) : bigint({ mode: "bigint" }));
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

export const roleEnum = pgEnum("member_role", ["owner", "admin", "member"]);
/** Which messages notify a member: all, only mentions and replies, or none (`muted` still silences all). */
export const notifyLevel = pgEnum("notify_level", notifyLevels);

export const users = pgTable(
  "users",
  {
    id: snowflake().primaryKey(),
    username: text().notNull(),
    email: text().notNull(),
    passwordHash: text().notNull(),
    createdAt: createdAt(),
    /** The name people see (any script); null shows the username. */
    displayName: text(),
    about: text().notNull().default(""),
    pronouns: text().notNull().default(""),
    /** 0xRRGGBB behind the profile card; null: one derived from the avatar's colour. */
    bannerColour: integer(),
    /** Whether people who share a server with them (and are not friends) may open a DM; a server may override it. */
    allowServerDms: boolean().notNull().default(true),
    /** The avatar's version: its files are avatars/{id}/{avatar}/{size}.webp in storage; null: none, initials show. */
    avatar: text(),
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
  /** The icon's version: its files are icons/{id}/{icon}/{size}.webp in storage; null: none, initials show. */
  icon: text(),
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
    /** A muted server raises no toast or notification and shows no unread marks; mentions still count. */
    muted: boolean().notNull().default(false),
    /** Which of this server's messages notify them; a channel may override it (`channel_notify_levels`). */
    notify: notifyLevel().notNull().default("mentions"),
    /** Until then the member may read but not send, edit, react or type; null (or past) when not timed out. */
    timedOutUntil: timestamp({ withTimezone: true }),
    /** Their name in this server; null shows their display name. */
    nickname: text(),
    /** This server's answer to "DMs from members"; null follows the account's `allowServerDms`. */
    allowDms: boolean(),
  },
  (t) => [
    primaryKey({ columns: [t.serverId, t.userId] }),
    index("server_members_user_id_idx").on(t.userId),
    // Push finds who hears every message of a server without reading its other members (few choose "all").
    index("server_members_notify_all_idx").on(t.serverId).where(sql`${t.notify} = 'all'`),
  ],
);

/** A named group of channels in the sidebar; its overwrites apply to the channels synced with it. */
export const categories = pgTable(
  "categories",
  {
    id: snowflake().primaryKey(),
    serverId: snowflake()
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** 0, 1, 2… within the server, dense: the order of the sidebar. */
    position: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("categories_server_id_position_idx").on(t.serverId, t.position)],
);

/** A server's text channel, a direct message between two people, or a group DM (up to 10). */
export const channelKind = pgEnum("channel_kind", ["text", "dm", "group"]);

export const channels = pgTable(
  "channels",
  {
    id: snowflake().primaryKey(),
    kind: channelKind().notNull().default("text"),
    /** Null for DMs and groups: their people are `channel_recipients`. */
    serverId: snowflake().references(() => servers.id, { onDelete: "cascade" }),
    /** A group's name ("" until named); a DM's is "". */
    name: text().notNull(),
    topic: text().notNull().default(""),
    /** Null: uncategorised, listed above the categories. */
    categoryId: snowflake().references(() => categories.id, { onDelete: "set null" }),
    /** 0, 1, 2… within its category (or among the uncategorised), dense. */
    position: integer().notNull().default(0),
    /**
     * Discord's "synced": the channel takes its category's overwrites rather than its own. Editing
     * the channel's own overwrites copies the category's first and clears it.
     */
    permissionsSynced: boolean().notNull().default(true),
    createdAt: createdAt(),
    /** The seq of the channel's latest event; bumping it locks the row, so seqs commit in order. */
    lastSeq: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    /**
     * The largest id a message in the channel has taken (0 before the first; deleted ones count).
     * Read with the seq under the same lock, it is the floor a new message's id must pass, so
     * ids rise in event order across instances without scanning the channel's messages.
     */
    lastMessageId: snowflake().notNull().default(sql`0`),
    /** Slowmode: the seconds a member waits between two messages here (0: none); owners and admins are exempt. */
    slowmodeSeconds: integer().notNull().default(0),
    /** A group's owner (who removes people); null elsewhere, and once they delete their account. */
    ownerId: snowflake().references(() => users.id, { onDelete: "set null" }),
    /** A DM's two user ids, lower first ("12:34"): opening the same DM twice finds this row. */
    dmKey: text(),
  },
  (t) => [
    uniqueIndex("channels_server_id_name_key").on(t.serverId, t.name),
    uniqueIndex("channels_dm_key_key").on(t.dmKey),
    check("channels_kind_server", sql`(${t.kind} = 'text') = (${t.serverId} is not null)`),
  ],
);

/** Who is in a DM or a group: its whole access list (a server channel's people are its server's members). */
export const channelRecipients = pgTable(
  "channel_recipients",
  {
    channelId: snowflake()
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    userId: snowflake()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    addedAt: createdAt(),
    /** A DM the other person opened: it stays out of this one's list until its first message. */
    hidden: boolean().notNull().default(false),
    /** Muted by this person: no toasts, notifications or unread marks for it (as a muted server). */
    muted: boolean().notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.userId] }), index("channel_recipients_user_id_idx").on(t.userId)],
);

/**
 * A person's choice for one server channel, overriding their server's level; no row: the
 * server's. Kept when they leave the server, so rejoining finds it as Discord does.
 */
export const channelNotifyLevels = pgTable(
  "channel_notify_levels",
  {
    userId: snowflake()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    channelId: snowflake()
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    level: notifyLevel().notNull(),
  },
  // By channel and level: push finds a channel's "all" without reading its other overrides; a channel's deletion cascades by it too.
  (t) => [primaryKey({ columns: [t.userId, t.channelId] }), index("channel_notify_levels_channel_id_level_idx").on(t.channelId, t.level)],
);

/** What a message is: a person's, or a group's system line (someone added or removed, a rename). */
export const messageKind = pgEnum("message_kind", ["default", "recipient_add", "recipient_remove", "name_change"]);

/**
 * A link preview as `messages.embeds` keeps it. Its image is a copy in our storage (api
 * embeds/images.ts), never the page's own URL, so readers' addresses do not reach the site.
 * Previews stored before images were copied hold an `imageUrl` instead, which nothing reads.
 */
export interface StoredEmbed {
  url: string;
  title: string | null;
  description: string | null;
  siteName: string | null;
  image?: StoredEmbedImage | null;
}

/** The stored copy of a card's image: the object `embeds/{messageId}/{id}`, its type sniffed from the bytes. */
export interface StoredEmbedImage {
  /** A snowflake, new for every copy, so that a key is never reused by a later edit's preview. */
  id: string;
  contentType: string;
  width: number;
  height: number;
}

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
    /**
     * The message this one replies to, in the same channel. Deliberately not a foreign key: a
     * reply outlives its parent, and a reply whose parent row is gone reads as "original message
     * deleted" (snowflakes are never reused, so the id cannot come to mean another message).
     */
    replyToId: snowflake(),
    /** `@everyone` by an owner or admin: it notifies every member (from anyone else it stays plain text). */
    mentionsEveryone: boolean().notNull().default(false),
    /** A system line's kind; its content then is the subject (the user added or removed, the new name). */
    kind: messageKind().notNull().default("default"),
    /**
     * Link previews of the first links, in their order, added after the send (api embeds/): a
     * column, not a table, so history reads them with the row and no lookup; null: none.
     */
    embeds: jsonb().$type<StoredEmbed[]>(),
  },
  (t) => [
    index("messages_channel_id_id_idx").on(t.channelId, t.id),
    // Full-text search (message.search). The `simple` configuration neither stems nor drops stop
    // words, so it serves every language alike, and prefix queries (`word:*`) find partial words.
    index("messages_content_search_idx").using("gin", sql`to_tsvector('simple', ${t.content})`),
    // Unread mention counts find a channel's `@everyone` messages here, not among all its messages.
    index("messages_everyone_idx").on(t.channelId, t.id).where(sql`${t.mentionsEveryone}`),
  ],
);

/** One row per user per emoji per message; a message holds a bounded number of distinct emoji. */
export const messageReactions = pgTable(
  "message_reactions",
  {
    messageId: snowflake()
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    userId: snowflake()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    emoji: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.emoji, t.userId] })],
);

/** The members an `@username` in a message resolved to, when it was sent or last edited. */
export const messageMentions = pgTable(
  "message_mentions",
  {
    messageId: snowflake()
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    userId: snowflake()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  // By user first as well: "messages that mention me" is what unread mention counts ask.
  (t) => [primaryKey({ columns: [t.messageId, t.userId] }), index("message_mentions_user_id_message_id_idx").on(t.userId, t.messageId)],
);

export const channelEventType = pgEnum("channel_event_type", ["created", "updated", "deleted", "reaction", "pinned", "unpinned"]);

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
    /** A `reaction` event's change: who, which emoji, added or removed, and the emoji's count after it. */
    reaction: jsonb(),
    /** A `pinned` or `unpinned` event's who and when. */
    pin: jsonb(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.seq] }), index("channel_events_message_id_idx").on(t.messageId)],
);

/** The channel's pinned messages (a bounded number, see `limits.pinsPerChannel`); a deleted message's pin goes with it. */
export const messagePins = pgTable(
  "message_pins",
  {
    messageId: snowflake()
      .primaryKey()
      .references(() => messages.id, { onDelete: "cascade" }),
    channelId: snowflake()
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    // SET NULL: a pin outlives the account of whoever pinned it.
    pinnedBy: snowflake().references(() => users.id, { onDelete: "set null" }),
    pinnedAt: createdAt(),
  },
  (t) => [index("message_pins_channel_id_pinned_at_idx").on(t.channelId, t.pinnedAt)],
);

/**
 * When each member last sent in a slowmode channel: written only while the channel has slowmode and
 * the sender is not exempt, so channels without it cost nothing. Kept apart from messages, so that
 * deleting one's message does not shorten the wait.
 */
export const slowmodeSends = pgTable(
  "slowmode_sends",
  {
    channelId: snowflake()
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    userId: snowflake()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    sentAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.userId] })],
);

export type User = typeof users.$inferSelect;
export type Server = typeof servers.$inferSelect;
export type Channel = typeof channels.$inferSelect;
/** A server's channel (not a DM or group): it has a server. */
export type ServerChannel = Channel & { serverId: bigint };
export type Message = typeof messages.$inferSelect;
export type Member = typeof serverMembers.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type ChannelEventRow = typeof channelEvents.$inferSelect;
export type MessageReaction = typeof messageReactions.$inferSelect;

// Moderation and account security ------------------------------------------------------------------

/** A ban keeps a user out of a server until it is lifted: no invite lets them back in. */
export const bans = pgTable(
  "bans",
  {
    serverId: snowflake()
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    userId: snowflake()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text().notNull().default(""),
    // SET NULL: a ban outlives the account of whoever issued it.
    bannedBy: snowflake().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.serverId, t.userId] })],
);

/** Invites besides the server's standing code: each may expire, run out of uses, or be revoked. */
export const invites = pgTable(
  "invites",
  {
    code: text().primaryKey(),
    serverId: snowflake()
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    createdBy: snowflake().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }),
    maxUses: integer(),
    /** Counted by a single conditional UPDATE, so concurrent joins never exceed `maxUses`. */
    uses: integer().notNull().default(0),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("invites_server_id_idx").on(t.serverId)],
);

/** The actions are the API's list (`@chat/validators`), so the audit log filter and the column cannot drift. */
export const auditAction = pgEnum("audit_action", auditActions);

/**
 * A server's moderation history, appended in the same transaction as the action. Append-only:
 * no procedure changes it, and a trigger (migration 0003) refuses UPDATE and DELETE except the
 * cascade of the server's own deletion. Actor and target are plain values, not foreign keys, and
 * the target's name is a snapshot: the history stays as it was when accounts or channels go.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: snowflake().primaryKey(),
    serverId: snowflake()
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    actorId: snowflake().notNull(),
    action: auditAction().notNull(),
    /** A user or channel id, a message id, or an invite code, by action. */
    targetId: text(),
    targetName: text(),
    details: jsonb().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_server_id_id_idx").on(t.serverId, t.id)],
);

export const presenceChoice = pgEnum("presence_choice", ["online", "idle", "dnd", "invisible"]);

/** What a user chose to show: their presence while connected, and a custom status line. */
export const userStatuses = pgTable("user_statuses", {
  userId: snowflake()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  presence: presenceChoice().notNull().default("online"),
  text: text(),
  emoji: text(),
  /** When the custom text and emoji lapse; null keeps them until cleared. */
  expiresAt: timestamp({ withTimezone: true }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A user's TOTP second factor; `enabledAt` stays null until the first code confirms the enrolment. */
export const twoFactor = pgTable("two_factor", {
  userId: snowflake()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** The shared secret, encrypted with a key derived from AUTH_SECRET (AES-256-GCM). */
  secret: text().notNull(),
  enabledAt: timestamp({ withTimezone: true }),
  /** The time step of the last accepted code: a code is good once, and never an older one. */
  lastUsedStep: bigint({ mode: "bigint" }),
  createdAt: createdAt(),
});

export const securityEventKind = pgEnum("security_event_kind", securityEventKinds);

/**
 * A user's own security log, shown to them (session.securityLog): wrong sign-in codes, password
 * and two-factor changes, with the address and browser they came from.
 */
export const securityEvents = pgTable(
  "security_events",
  {
    id: snowflake().primaryKey(),
    userId: snowflake()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: securityEventKind().notNull(),
    address: text(),
    userAgent: text(),
    createdAt: createdAt(),
  },
  (t) => [index("security_events_user_id_id_idx").on(t.userId, t.id)],
);

/** One-time recovery codes, stored as SHA-256 hashes (they are random, so a fast hash suffices). */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    userId: snowflake()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

export type Ban = typeof bans.$inferSelect;
export type Invite = typeof invites.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type AuditAction = (typeof auditAction.enumValues)[number];
export type UserStatus = typeof userStatuses.$inferSelect;

// Read state ---------------------------------------------------------------------------------------

/**
 * How far each user has read each channel: the id of the last message they saw. It only moves
 * forward. Without a row, the channel counts as read up to when the user joined the server.
 */
export const channelReads = pgTable(
  "channel_reads",
  {
    userId: snowflake()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    channelId: snowflake()
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    lastReadId: bigint({ mode: "bigint" }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.channelId] })],
);

// Roles ---------------------------------------------------------------------------------------------

/** The roles a server makes itself: `@everyone`, which every member holds, and the administrators' "Admin". */
export const builtInRole = pgEnum("built_in_role", ["everyone", "admin"]);

/**
 * A server's roles, in a hierarchy by `position` (dense: `@everyone` is 0, the highest is the
 * count less one). `permissions` are flags of @chat/policy's permission-flags.ts.
 */
export const roles = pgTable(
  "roles",
  {
    id: snowflake().primaryKey(),
    serverId: snowflake()
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** 0xRRGGBB; null leaves names their default colour. */
    colour: integer(),
    position: integer().notNull(),
    permissions: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    /** Whether anyone may `@mention` the role. */
    mentionable: boolean().notNull().default(false),
    /** Whether the member list shows its holders apart. */
    hoist: boolean().notNull().default(false),
    builtIn: builtInRole(),
    createdAt: createdAt(),
  },
  (t) => [
    // What member_roles' foreign key points at: a role of the member's own server.
    uniqueIndex("roles_server_id_id_key").on(t.serverId, t.id),
    uniqueIndex("roles_server_id_built_in_key").on(t.serverId, t.builtIn).where(sql`${t.builtIn} is not null`),
    index("roles_server_id_position_idx").on(t.serverId, t.position),
  ],
);

/** Which roles a member holds besides `@everyone` (held by all, never listed here). Gone with the membership or the role. */
export const memberRoles = pgTable(
  "member_roles",
  {
    serverId: snowflake().notNull(),
    userId: snowflake().notNull(),
    roleId: snowflake().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.serverId, t.userId, t.roleId] }),
    index("member_roles_role_id_idx").on(t.roleId),
    foreignKey({ columns: [t.serverId, t.userId], foreignColumns: [serverMembers.serverId, serverMembers.userId] }).onDelete("cascade"),
    foreignKey({ columns: [t.serverId, t.roleId], foreignColumns: [roles.serverId, roles.id] }).onDelete("cascade"),
  ],
);

export const overwriteTarget = pgEnum("overwrite_target", ["role", "member"]);

/**
 * Discord's permission overwrites: allow and deny bits for a role or a member, on one channel or
 * one category (exactly one of the two). The target has no foreign key, as it is a role or a user:
 * deleting a role deletes its overwrites, leaving the server deletes a member's.
 */
export const permissionOverwrites = pgTable(
  "permission_overwrites",
  {
    serverId: snowflake()
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    channelId: snowflake().references(() => channels.id, { onDelete: "cascade" }),
    categoryId: snowflake().references(() => categories.id, { onDelete: "cascade" }),
    targetType: overwriteTarget().notNull(),
    targetId: snowflake().notNull(),
    allow: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    deny: bigint({ mode: "bigint" }).notNull().default(sql`0`),
  },
  (t) => [
    check("permission_overwrites_one_scope", sql`(${t.channelId} is null) <> (${t.categoryId} is null)`),
    uniqueIndex("permission_overwrites_channel_target_key").on(t.channelId, t.targetType, t.targetId),
    uniqueIndex("permission_overwrites_category_target_key").on(t.categoryId, t.targetType, t.targetId),
    index("permission_overwrites_server_id_idx").on(t.serverId),
  ],
);

export type RoleRow = typeof roles.$inferSelect;

export const relationshipKind = pgEnum("relationship_kind", ["friend", "incoming", "outgoing", "blocked"]);

/**
 * How one user stands towards another, as Discord keeps it: a row per side, so that each user's
 * friends, pending requests and blocks are one index range. A friendship is two `friend` rows; a
 * request an `outgoing` row and its `incoming` mirror; a block is the blocker's row alone (the
 * blocked side keeps nothing, so they cannot tell).
 */
export const relationships = pgTable(
  "relationships",
  {
    userId: snowflake()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    otherId: snowflake()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: relationshipKind().notNull(),
    since: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.otherId] }), index("relationships_other_id_idx").on(t.otherId)],
);

export type RelationshipKind = (typeof relationshipKind.enumValues)[number];

/**
 * A browser's Web Push subscription: one per device (the endpoint is the push service's address
 * for that browser profile), so subscribing again from the same device replaces its keys and owner.
 */
export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    id: snowflake().primaryKey(),
    userId: snowflake()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    endpoint: text().notNull().unique("push_subscriptions_endpoint_key"),
    /** The browser's P-256 public key and auth secret (base64url), which encrypt each payload for it alone (RFC 8291). */
    p256dh: text().notNull(),
    auth: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("push_subscriptions_user_id_idx").on(t.userId)],
);

/**
 * A file uploaded for a message: created by `attachment.createUpload` (message_id null while the
 * bytes go to storage), attached by the send that names it. The bytes live in the storage
 * backend under `storage_key`; rows are deleted after their files, so a file never outlives the
 * row that finds it. SET NULL everywhere: a row whose message, channel or uploader is gone is
 * unattached, and the sweep (api attachments/sweep.ts) removes its file and then the row.
 */
export const attachments = pgTable(
  "attachments",
  {
    id: snowflake().primaryKey(),
    uploaderId: snowflake().references(() => users.id, { onDelete: "set null" }),
    channelId: snowflake().references(() => channels.id, { onDelete: "set null" }),
    messageId: snowflake().references(() => messages.id, { onDelete: "set null" }),
    /** Sanitized: no path separators or control characters, at most 255 characters. */
    filename: text().notNull(),
    /** The size declared at upload, which the stored bytes must match before a send takes them. */
    size: integer().notNull(),
    /** The uploader's declared type until the send; then the type sniffed from the bytes. */
    contentType: text().notNull(),
    storageKey: text().notNull(),
    /** Images (png, jpeg, gif, webp) only, read at the send (upright: EXIF orientation applied). */
    width: integer(),
    height: integer(),
    /**
     * Processed images only (api attachments/images.ts): a tiny blurred WebP as a data URL. Such an
     * image's original was re-encoded without metadata, and its thumbnails sit beside it.
     */
    placeholder: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("attachments_message_id_idx").on(t.messageId),
    // The sweep reads the oldest unattached uploads only.
    index("attachments_unattached_created_at_idx").on(t.createdAt).where(sql`${t.messageId} is null`),
  ],
);

export type Attachment = typeof attachments.$inferSelect;

/** A server's custom emoji (Discord's): written `<:name:id>` (`<a:name:id>` animated) in messages and reactions. */
export const serverEmojis = pgTable(
  "server_emojis",
  {
    id: snowflake().primaryKey(),
    serverId: snowflake()
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    /** 2–32 of [A-Za-z0-9_], unique in the server whatever the case. */
    name: text().notNull(),
    /** An animated GIF or WebP, read from the bytes; a server holds up to 50 of each kind. */
    animated: boolean().notNull(),
    /** Sniffed from the bytes: png, jpeg, gif or webp. */
    contentType: text().notNull(),
    storageKey: text().notNull(),
    uploaderId: snowflake().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("server_emojis_server_id_name_lower_key").on(t.serverId, sql`lower(${t.name})`)],
);

export type ServerEmoji = typeof serverEmojis.$inferSelect;
