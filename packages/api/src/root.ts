import { authRouter } from "./router/auth";
import { channelRouter } from "./router/channel";
import { memberRouter } from "./router/member";
import { messageRouter } from "./router/message";
import { serverRouter } from "./router/server";
import { createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  server: serverRouter,
  member: memberRouter,
  channel: channelRouter,
  message: messageRouter,
});

export type AppRouter = typeof appRouter;
