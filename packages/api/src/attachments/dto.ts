import type { Attachment } from "@chat/db";
import { z } from "zod";

import { id } from "../core/dto";

export const attachmentOutput = z
  .object({
    id,
    filename: z.string(),
    size: z.number().int().meta({ description: "Bytes" }),
    contentType: z.string().meta({ description: "Sniffed from the bytes at the send; application/octet-stream when unknown" }),
    url: z.string().meta({
      description:
        "Same origin, authorized by the session cookie or a bearer token; add `?download=1` to force a download. " +
        "When `placeholder` is set, `?size=400` or `?size=1600` gives a WebP thumbnail at most that wide and high (never larger than the image)",
    }),
    width: z.number().int().nullable().meta({ description: "Images (png, jpeg, gif, webp) only; as displayed (EXIF orientation applied)" }),
    height: z.number().int().nullable(),
    placeholder: z.string().nullable().meta({
      description: "Processed images only: a tiny blurred image as a `data:` URL to show while the image loads; such an image has thumbnails",
    }),
  })
  .meta({ id: "Attachment", description: "A file sent with a message" });

export type AttachmentDto = z.infer<typeof attachmentOutput>;

export function attachmentUrl(attachmentId: string, filename: string): string {
  return `/api/attachments/${attachmentId}/${encodeURIComponent(filename)}`;
}

export function toAttachmentDto(
  row: Pick<Attachment, "id" | "filename" | "size" | "contentType" | "width" | "height" | "placeholder">,
): AttachmentDto {
  const attachmentId = String(row.id);
  return {
    id: attachmentId,
    filename: row.filename,
    size: row.size,
    contentType: row.contentType,
    url: attachmentUrl(attachmentId, row.filename),
    width: row.width,
    height: row.height,
    placeholder: row.placeholder,
  };
}

export const createUploadOutput = z
  .object({
    id,
    upload: z
      .object({
        url: z.string().meta({ description: "Where to PUT the bytes: this app (a signed, short-lived URL) or the object store" }),
        method: z.literal("PUT"),
        headers: z.record(z.string(), z.string()).meta({ description: "Headers the PUT must carry as they are" }),
      })
      .meta({ id: "UploadTarget" }),
  })
  .meta({ id: "Upload" });
