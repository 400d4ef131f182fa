import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "./root";

export { appRouter, type AppRouter } from "./root";
export { createContext, createCallerFactory, type Context, type ContextOptions, type Services } from "./core/trpc";
export { createConnectionContexts, type ConnectionContexts, type LiveConnection } from "./live/connection";
export type { Log } from "./core/log";
export { createMemoryRateLimiter, rateRules, unlimited, type RateLimiter } from "./core/rate-limit";
export { retryAfterOf, toTRPCError } from "./errors";
export { SESSION_COOKIE } from "./account/session-token";
export { createSessionCache, type SessionCache } from "./account/session-cache";
export { createPushDelivery, type PushDelivery, type PushPayload } from "./push/deliver";
export { loadVapidKeys, type VapidKeys } from "./push/vapid";
export { processPushDelivery } from "./push/process";
export { processLinkPreviews } from "./embeds/process";
export { closeProcessSingletons } from "./core/process-singleton";
export { startAttachmentSweep, sweepUnattached } from "./attachments/sweep";
export { verifyUploadToken } from "./attachments/upload-token";
export { readableAttachment, storedUpload } from "./attachments/access";
export { createEmoji } from "./emojis/create";
export { emojiFile } from "./emojis/store";
export type { EmojiDto } from "./emojis/dto";
export { createLinkPreviews, type LinkPreviews } from "./embeds/previews";
export { createSafeFetch, type SafeFetch } from "./embeds/safe-fetch";
export { openApiDocument, REST_BASE_PATH } from "./core/openapi";
export { restErrorBody, type RestErrorBody } from "./core/rest";
export type { ChannelEvent } from "./messages/events";
export type { CustomStatus, PresenceStatus } from "./presence/status";
export type { RemovalReason } from "./members/removal";
export type { AccountEvent } from "./account/account-events";
export type { UserEvent } from "./users/on-event";
export type { PresenceUpdate } from "./presence/stream";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
