import type { PermissionName } from "@chat/policy/permission-flags";

export interface PermissionInfo {
  flag: PermissionName;
  label: string;
  description: string;
}

/** The permission flags as the role editor shows them, grouped as Discord groups them. */
export const permissionGroups: { title: string; permissions: PermissionInfo[] }[] = [
  {
    title: "General",
    permissions: [
      { flag: "VIEW_CHANNEL", label: "View Channels", description: "See channels and read what happens in them, unless a channel says otherwise." },
      { flag: "MANAGE_CHANNELS", label: "Manage Channels", description: "Create, rename and delete channels, and set their slowmode." },
      { flag: "MANAGE_ROLES", label: "Manage Roles", description: "Create and change roles below their own highest, and give them to members." },
      { flag: "MANAGE_SERVER", label: "Manage Server", description: "Rename the server and manage its invite links." },
      { flag: "VIEW_AUDIT_LOG", label: "View Audit Log", description: "Read the record of who changed what in the server." },
    ],
  },
  {
    title: "Membership",
    permissions: [
      { flag: "CREATE_INVITE", label: "Create Invite", description: "Invite friends with invite links of their own." },
      { flag: "CHANGE_NICKNAME", label: "Change Nickname", description: "Pick their own name in this server." },
      { flag: "MANAGE_NICKNAMES", label: "Manage Nicknames", description: "Change or clear the nicknames of members below them." },
      { flag: "KICK_MEMBERS", label: "Kick Members", description: "Remove members below them; they may rejoin with an invite." },
      { flag: "BAN_MEMBERS", label: "Ban Members", description: "Remove members below them for good, and lift bans." },
      { flag: "MODERATE_MEMBERS", label: "Timeout Members", description: "Keep members below them from sending, reacting and typing for a while." },
    ],
  },
  {
    title: "Text",
    permissions: [
      { flag: "SEND_MESSAGES", label: "Send Messages", description: "Post messages in the channels they can see." },
      { flag: "READ_HISTORY", label: "Read Message History", description: "Read messages sent before they opened the channel." },
      { flag: "ADD_REACTIONS", label: "Add Reactions", description: "React to messages with emoji." },
      { flag: "ATTACH_FILES", label: "Attach Files", description: "Upload files with their messages." },
      { flag: "MENTION_EVERYONE", label: "Mention @everyone", description: "Notify every member of the server with @everyone." },
      { flag: "MANAGE_MESSAGES", label: "Manage Messages", description: "Delete others' messages and pin or unpin any message." },
    ],
  },
  {
    title: "Advanced",
    permissions: [
      {
        flag: "ADMINISTRATOR",
        label: "Administrator",
        description: "Every permission in every channel, whatever the channel says. A dangerous one to give.",
      },
    ],
  },
];

/** The flags that mean something in one channel, in the order of the groups (Discord's channel Permissions). */
export const channelPermissionFlags: PermissionName[] = [
  "VIEW_CHANNEL", "MANAGE_CHANNELS", "MANAGE_ROLES", "CREATE_INVITE",
  "SEND_MESSAGES", "READ_HISTORY", "ADD_REACTIONS", "ATTACH_FILES", "MENTION_EVERYONE", "MANAGE_MESSAGES",
];

/** How the role editor names and explains each flag. */
export const permissionInfo = new Map(permissionGroups.flatMap((group) => group.permissions).map((info) => [info.flag, info]));
