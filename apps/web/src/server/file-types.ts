/**
 * How stored files are served (GET /api/attachments/…). A type outside these lists goes out as
 * application/octet-stream, always as a download: above all SVG, HTML and XML, which a browser
 * would run as a document of this origin. The type is the one sniffed from the bytes at the send.
 */

/** Shown in the page (images, players, PDF viewer, plain text). */
const inlineTypes = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/avif",
  "video/mp4",
  "video/webm",
  "video/ogg",
  "audio/mpeg",
  "audio/ogg",
  "audio/wav",
  "audio/webm",
  "audio/flac",
  "text/plain",
  "application/pdf",
]);

/** Named as they are, but always downloaded: archives, office documents. */
const downloadTypes = new Set([
  "application/zip",
  "application/gzip",
  "application/x-tar",
  "application/x-7z-compressed",
  "application/x-bzip2",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
  "video/quicktime",
]);

export interface ServedAs {
  contentType: string;
  inline: boolean;
}

export function servedAs(storedType: string, forceDownload: boolean): ServedAs {
  if (inlineTypes.has(storedType)) return { contentType: storedType, inline: !forceDownload };
  if (downloadTypes.has(storedType)) return { contentType: storedType, inline: false };
  return { contentType: "application/octet-stream", inline: false };
}
