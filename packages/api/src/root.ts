import { accountRouter } from "./account/account-events";
import { authRouter } from "./account/auth";
import { sessionRouter } from "./account/sessions";
import { statusRouter } from "./account/status";
import { twoFactorRouter } from "./account/two-factor";
import { attachmentRouter } from "./attachments/router";
import { auditRouter } from "./audit/router";
import { categoryRouter } from "./categories/router";
import { channelRouter } from "./channels/router";
import { createTRPCRouter } from "./core/trpc";
import { emojiRouter } from "./emojis/router";
import { inviteRouter } from "./invites/router";
import { memberRouter } from "./members/router";
import { pushRouter } from "./push/router";
import { reactionRouter } from "./messages/reaction";
import { messageRouter } from "./messages/router";
import { overwriteRouter } from "./overwrites/router";
import { presenceRouter } from "./presence/router";
import { dmRouter } from "./conversations/dms";
import { groupRouter } from "./conversations/groups";
import { blockRouter } from "./relationships/blocks";
import { friendRouter } from "./relationships/friends";
import { roleRouter } from "./roles/router";
import { serverRouter } from "./servers/router";
import { typingRouter } from "./typing/router";
import { userRouter } from "./users/router";

/** The domains, each a folder; a procedure `<router>.<name>` lives in the folder of its domain. */
export const appRouter = createTRPCRouter({
  auth: authRouter,
  server: serverRouter,
  member: memberRouter,
  role: roleRouter,
  channel: channelRouter,
  category: categoryRouter,
  overwrite: overwriteRouter,
  message: messageRouter,
  attachment: attachmentRouter,
  reaction: reactionRouter,
  emoji: emojiRouter,
  typing: typingRouter,
  presence: presenceRouter,
  invite: inviteRouter,
  audit: auditRouter,
  status: statusRouter,
  session: sessionRouter,
  twoFactor: twoFactorRouter,
  account: accountRouter,
  user: userRouter,
  friend: friendRouter,
  block: blockRouter,
  dm: dmRouter,
  group: groupRouter,
  push: pushRouter,
});

export type AppRouter = typeof appRouter;
