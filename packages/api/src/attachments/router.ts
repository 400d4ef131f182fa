import { attachments, nextId } from "@chat/db";
import { DomainError, fail } from "@chat/policy/errors";
import { createUploadInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";

import { enforceRateLimit } from "../core/rate-limit";
import { rest } from "../core/rest";
import { channelProcedure } from "../core/trpc";
import { createUploadOutput } from "./dto";
import { sanitizeFilename } from "./filename";
import { UPLOAD_TOKEN_SECONDS, signUploadToken } from "./upload-token";

export const attachmentRouter = {
  /**
   * Reserves an upload in a channel and says where to PUT its bytes: the object store's presigned
   * URL, or this app's upload route with a signed, short-lived token. `message.send` then names it
   * in `attachmentIds`; an upload never sent is removed after an hour.
   */
  createUpload: channelProcedure("attachment.create", createUploadInput)
    .meta(
      rest("POST", "/channels/{channelId}/attachments", {
        summary: "Start a file upload",
        description:
          "PUT the bytes to `upload.url` with `upload.headers`, then post a message with the returned `id` in `attachmentIds`. " +
          "`size` past the server's limit is refused (413).",
        errors: [400, 403, 404, 413, 429],
      }),
    )
    .output(createUploadOutput)
    .mutation(async ({ ctx, input }) => {
      await enforceRateLimit(ctx.rateLimiter, "attachmentCreate", String(ctx.user.id));
      const { storage, uploadMaxBytes: maxBytes } = ctx;
      if (!storage || maxBytes === undefined) throw fail.notFound("File storage");
      if (input.size > maxBytes) throw new DomainError("PAYLOAD_TOO_LARGE", `Files are limited to ${maxBytes} bytes`);
      const id = nextId();
      const storageKey = `attachments/${ctx.channel.id}/${id}`;
      await ctx.db.insert(attachments).values({
        id,
        uploaderId: ctx.user.id,
        channelId: ctx.channel.id,
        filename: sanitizeFilename(input.filename),
        size: input.size,
        contentType: input.contentType,
        storageKey,
      });
      const presigned = await storage.presignUpload(storageKey, {
        contentType: input.contentType,
        size: input.size,
        expiresInSeconds: UPLOAD_TOKEN_SECONDS,
      });
      if (presigned) return { id: String(id), upload: presigned };
      const expiresAt = Math.floor(Date.now() / 1000) + UPLOAD_TOKEN_SECONDS;
      const token = signUploadToken(ctx.authKey, { attachmentId: String(id), size: input.size, expiresAt });
      return {
        id: String(id),
        upload: { url: `/api/uploads/${id}?token=${token}`, method: "PUT" as const, headers: { "content-type": input.contentType } },
      };
    }),
} satisfies TRPCRouterRecord;
