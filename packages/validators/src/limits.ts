/** Product limits shared by the server's validation and the web app's forms. */
export const limits = {
  username: { min: 2, max: 32 },
  password: { min: 8, max: 128 },
  email: { max: 254 },
  serverName: { min: 1, max: 100 },
  channelName: { min: 1, max: 100 },
  channelTopic: { max: 1024 },
  messageContent: { min: 1, max: 4000 },
  /** Files on one message, and the longest file name kept (longer ones are cut, their extension kept). */
  attachmentsPerMessage: { max: 10 },
  attachmentFilename: { max: 255 },
  messagePage: { min: 1, max: 100, default: 50 },
  /** Distinct emoji on one message. */
  reactionsPerMessage: { max: 20 },
  /** A reply's quote of its parent: the first line, cut to this many characters. */
  replyExcerpt: { max: 100 },
  inviteCode: { length: 10 },
  banReason: { max: 512 },
  inviteUses: { max: 10_000 },
  inviteLifetimeSeconds: { max: 30 * 24 * 60 * 60 },
  /** Invites of those who may not manage invites always expire, by default and at the latest after this. */
  memberInviteLifetimeSeconds: { max: 7 * 24 * 60 * 60 },
  auditPage: { max: 100, default: 50 },
  statusText: { max: 128 },
  statusLifetimeSeconds: { max: 30 * 24 * 60 * 60 },
  recoveryCodes: { count: 10 },
  searchQuery: { max: 200 },
  searchPage: { max: 50, default: 25 },
  /** Unread and mention counts stop here: clients show "99+". */
  unreadCount: { max: 100 },
  /** Pinned messages in one channel, as Discord allows. */
  pinsPerChannel: { max: 50 },
  /** A channel's slowmode, in seconds between a member's messages (0: off); six hours at most. */
  slowmodeSeconds: { max: 6 * 60 * 60 },
  /** The longest timeout, 28 days as on Discord. */
  timeoutSeconds: { max: 28 * 24 * 60 * 60 },
  roleName: { min: 1, max: 100 },
  categoryName: { min: 1, max: 100 },
  /** Categories of one server, as Discord allows. */
  categoriesPerServer: { max: 50 },
  /** Roles of one server, `@everyone` and Admin included. */
  rolesPerServer: { max: 250 },
  /** A display name, in any script; the unique username stays as it is. */
  displayName: { min: 1, max: 32 },
  /** A member's name in one server, shown instead of their display name there. */
  nickname: { min: 1, max: 32 },
  aboutMe: { max: 190 },
  pronouns: { max: 40 },
  /** Friends of one user, as on Discord. */
  friends: { max: 1000 },
  /** People in a group DM, its owner included. */
  groupRecipients: { max: 10 },
  groupName: { max: 100 },
  /** A custom emoji's name, its file, and how many of each kind (static, animated) a server holds, as Discord's. */
  emojiName: { min: 2, max: 32 },
  emojiBytes: { max: 256 * 1024 },
  emojisPerServer: { static: 50, animated: 50 },
  /** Calls in one batched HTTP request; the web app's link batches no more. */
  batchCalls: { max: 50 },
} as const;
