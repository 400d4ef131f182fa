import { accountRouter } from "./router/account";
import { auditRouter } from "./router/audit";
import { authRouter } from "./router/auth";
import { channelRouter } from "./router/channel";
import { memberRouter } from "./router/member";
import { messageRouter } from "./router/message";
import { inviteRouter } from "./router/invite";
import { presenceRouter } from "./router/presence";
import { reactionRouter } from "./router/reaction";
import { serverRouter } from "./router/server";
import { sessionRouter } from "./router/session";
import { statusRouter } from "./router/status";
import { twoFactorRouter } from "./router/two-factor";
import { typingRouter } from "./router/typing";
import { userRouter } from "./router/user";
import { createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  server: serverRouter,
  member: memberRouter,
  channel: channelRouter,
  message: messageRouter,
  reaction: reactionRouter,
  typing: typingRouter,
  presence: presenceRouter,
  invite: inviteRouter,
  audit: auditRouter,
  status: statusRouter,
  session: sessionRouter,
  twoFactor: twoFactorRouter,
  account: accountRouter,
  user: userRouter,
});

export type AppRouter = typeof appRouter;
