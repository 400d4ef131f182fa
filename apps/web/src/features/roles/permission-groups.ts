import type { PermissionName } from "@chat/policy/permission-flags";

/**
 * The permission flags as the role editor shows them, grouped as Discord groups them. Each group's
 * title and each flag's label and description are `roles.permissions` messages, by id and flag.
 */
export const permissionGroups: { id: "general" | "membership" | "text" | "advanced"; flags: PermissionName[] }[] = [
  { id: "general", flags: ["VIEW_CHANNEL", "MANAGE_CHANNELS", "MANAGE_ROLES", "MANAGE_SERVER", "VIEW_AUDIT_LOG"] },
  { id: "membership", flags: ["CREATE_INVITE", "CHANGE_NICKNAME", "MANAGE_NICKNAMES", "KICK_MEMBERS", "BAN_MEMBERS", "MODERATE_MEMBERS"] },
  { id: "text", flags: ["SEND_MESSAGES", "READ_HISTORY", "ADD_REACTIONS", "ATTACH_FILES", "MENTION_EVERYONE", "MANAGE_MESSAGES"] },
  { id: "advanced", flags: ["ADMINISTRATOR"] },
];

/** The flags that mean something in one channel, in the order of the groups (Discord's channel Permissions). */
export const channelPermissionFlags: PermissionName[] = [
  "VIEW_CHANNEL", "MANAGE_CHANNELS", "MANAGE_ROLES", "CREATE_INVITE",
  "SEND_MESSAGES", "READ_HISTORY", "ADD_REACTIONS", "ATTACH_FILES", "MENTION_EVERYONE", "MANAGE_MESSAGES",
];
