import { authRouter } from "./router/auth";
import { channelRouter } from "./router/channel";
import { memberRouter } from "./router/member";
import { messageRouter } from "./router/message";
import { presenceRouter } from "./router/presence";
import { serverRouter } from "./router/server";
import { typingRouter } from "./router/typing";
import { createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  server: serverRouter,
  member: memberRouter,
  channel: channelRouter,
  message: messageRouter,
  typing: typingRouter,
  presence: presenceRouter,
});

export type AppRouter = typeof appRouter;
