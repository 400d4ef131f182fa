/**
 * What a role may do, as bits of one bigint: stored in the database (roles.permissions) and sent to
 * clients as a decimal string (JSON has no bigint). A bit's position is part of the stored data:
 * add new flags at the end, never renumber or reuse one.
 */
export const Permission = {
  VIEW_CHANNEL: 1n << 0n,
  SEND_MESSAGES: 1n << 1n,
  READ_HISTORY: 1n << 2n,
  ADD_REACTIONS: 1n << 3n,
  MENTION_EVERYONE: 1n << 4n,
  /** Deleting others' messages, pinning. */
  MANAGE_MESSAGES: 1n << 5n,
  MANAGE_CHANNELS: 1n << 6n,
  MANAGE_ROLES: 1n << 7n,
  /** Renaming the server, its standing invite code, every invite. */
  MANAGE_SERVER: 1n << 8n,
  CREATE_INVITE: 1n << 9n,
  KICK_MEMBERS: 1n << 10n,
  BAN_MEMBERS: 1n << 11n,
  /** Timeouts. */
  MODERATE_MEMBERS: 1n << 12n,
  VIEW_AUDIT_LOG: 1n << 13n,
  ATTACH_FILES: 1n << 14n,
  /** Every permission, in every channel: no overwrite takes anything away. */
  ADMINISTRATOR: 1n << 15n,
  /** One's own nickname in the server. */
  CHANGE_NICKNAME: 1n << 16n,
  /** Others' nicknames, for members below one's highest role. */
  MANAGE_NICKNAMES: 1n << 17n,
} as const;

export type PermissionName = keyof typeof Permission;
export const permissionNames = Object.keys(Permission) as PermissionName[];

/** Every flag at once: what the owner and administrators hold. */
export const allPermissions = Object.values(Permission).reduce((all, flag) => all | flag, 0n);

/** What a new server's `@everyone` role may do: take part, invite friends, pick a nickname, not moderate. */
export const everyoneDefaults =
  Permission.VIEW_CHANNEL |
  Permission.SEND_MESSAGES |
  Permission.READ_HISTORY |
  Permission.ADD_REACTIONS |
  Permission.CREATE_INVITE |
  Permission.ATTACH_FILES |
  Permission.CHANGE_NICKNAME;

/** Whether `permissions` hold every flag of `required`. */
export function hasPermissions(permissions: bigint, required: bigint): boolean {
  return (permissions & required) === required;
}

/** The wire form of a permission set: a decimal string. */
export function permissionsToString(permissions: bigint): string {
  return permissions.toString();
}

/**
 * A permission set from its wire form. Only known flags count: a bit no flag names is dropped, so
 * a client cannot store bits that a later flag would turn into a grant.
 */
export function permissionsFromString(text: string): bigint {
  if (!/^\d{1,20}$/.test(text)) throw new RangeError("A permission set is a decimal string");
  return BigInt(text) & allPermissions;
}

/** The names of the flags a set holds, in declaration order (for audit entries and people). */
export function namesOf(permissions: bigint): PermissionName[] {
  return permissionNames.filter((name) => hasPermissions(permissions, Permission[name]));
}
