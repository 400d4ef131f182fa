import type { OpenAPIObject } from "trpc-to-openapi";

import { limits } from "@chat/validators";

import { SESSION_COOKIE } from "../account/session-token";
import { THUMBNAIL_SIDES } from "../attachments/images";
import { SQUARE_IMAGE_MAX_BYTES, squareImageSizes } from "../images/urls";
import { type ErrorStatus, errorDescriptions } from "./rest";

type PathItem = NonNullable<OpenAPIObject["paths"]>[string];
/** Plain objects, typed loosely: the tests validate the document against the OpenAPI 3.1 schema. */
type Operation = Record<string, unknown>;

/**
 * The routes that carry raw bytes rather than JSON (apps/web/src/app/api, beside /api/v1): their
 * keys are the whole URL path, since some would collide with a procedure's path (DELETE
 * /servers/{serverId}/icon is both), and their servers the app's origin instead of /api/v1.
 */
const ORIGIN = [{ url: "/", description: "The app's origin: the file routes are under /api, not /api/v1" }];

/** A bearer token or, for the app's own pages, the session cookie. */
const signedIn = [{ bearerAuth: [] }, { sessionCookie: [] }];

const MiB = 1024 * 1024;
/** The REST API's meanings, but a file route's invalid input has no `issues` list. */
const fileErrorDescriptions: Record<ErrorStatus, string> = { ...errorDescriptions, 400: "Invalid input (the message says what)" };

function errors(statuses: ErrorStatus[], overrides: Partial<Record<ErrorStatus, string>> = {}) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: overrides[status] ?? fileErrorDescriptions[status],
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        ...(status === 429 && {
          headers: { "Retry-After": { description: "Seconds to wait before retrying", schema: { type: "integer", minimum: 1 } } },
        }),
      },
    ]),
  );
}

const binary = { type: "string", format: "binary" } as const;
const snowflakeParam = (name: string, description: string) => ({
  name,
  in: "path" as const,
  required: true,
  description,
  schema: { type: "string", pattern: "^[0-9]+$" },
});
const okBody = {
  description: "Done",
  content: { "application/json": { schema: { type: "object", properties: { ok: { type: "boolean", const: true } }, required: ["ok"] } } },
};
const redirect = {
  description: "With an object store: a redirect to a presigned URL that works for 5 minutes",
  headers: { Location: { description: "The presigned URL", schema: { type: "string", format: "uri" } } },
};
const fileBody = (description: string, types: string[]) => ({
  description,
  content: Object.fromEntries(types.map((type) => [type, { schema: binary }])),
});
const IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"];

function squareImage(kind: "avatar" | "icon"): { put: Operation; delete: Operation } {
  const what = kind === "avatar" ? "your avatar" : "the server's icon";
  const urlField = kind === "avatar" ? "avatarUrl" : "iconUrl";
  const who = kind === "avatar" ? "" : " Needs MANAGE_SERVER.";
  const forbidden = kind === "avatar" ? "A cross-site request" : "Your role does not allow this, or a cross-site request";
  return {
    put: {
      tags: ["files"],
      operationId: `files-${kind}-put`,
      summary: `Set ${what}`,
      description:
        `The body is the picture (PNG, JPEG, GIF, WebP or AVIF, at most ${SQUARE_IMAGE_MAX_BYTES / MiB} MiB), ` +
        `stored as square WebP files of ${squareImageSizes.join(", ")} pixels.${who}`,
      security: signedIn,
      requestBody: { required: true, content: Object.fromEntries([...IMAGE_TYPES, "application/octet-stream"].map((t) => [t, { schema: binary }])) },
      responses: {
        200: {
          description: `The new picture's URL (its 128-pixel size)`,
          content: {
            "application/json": {
              schema: { type: "object", properties: { [urlField]: { type: "string", example: `/api/${kind}s/1/0123456789abcdef/128` } }, required: [urlField] },
            },
          },
        },
        ...errors(kind === "avatar" ? [400, 401, 403, 413, 429] : [400, 401, 403, 404, 413, 429], {
          400: "An empty body, or not a picture",
          403: forbidden,
          404: "Unknown server, or you are not in it",
        }),
      },
    },
    delete: {
      tags: ["files"],
      operationId: `files-${kind}-delete`,
      summary: `Remove ${what}`,
      description: `As the procedure does (DELETE /api/v1${kind === "avatar" ? "/users/me/avatar" : "/servers/{serverId}/icon"}).${who}`,
      security: signedIn,
      responses: {
        200: okBody,
        ...errors(kind === "avatar" ? [401, 403, 429] : [401, 403, 404, 429], { 403: forbidden, 404: "Unknown server, or you are not in it" }),
      },
    },
  };
}

function squareImageGet(kind: "avatars" | "icons"): Operation {
  const owner = kind === "avatars" ? "userId" : "serverId";
  return {
    tags: ["files"],
    operationId: `files-${kind}-get`,
    summary: kind === "avatars" ? "An avatar" : "A server icon",
    description:
      `The URL comes from a DTO (\`${kind === "avatars" ? "avatarUrl" : "iconUrl"}\`, the 128-pixel size); ` +
      "the other sizes are the same URL with another last segment. Its bytes never change: cached for a year.",
    security: signedIn,
    parameters: [
      snowflakeParam(owner, kind === "avatars" ? "The user" : "The server"),
      { name: "version", in: "path", required: true, description: "The picture's version", schema: { type: "string", pattern: "^[0-9a-f]{16}$" } },
      { name: "size", in: "path", required: true, description: "The side in pixels", schema: { type: "integer", enum: [...squareImageSizes] } },
    ],
    responses: { 200: fileBody("The picture", ["image/webp"]), ...errors([401, 404]) },
  };
}

function fileRoutes(): Record<string, Record<string, unknown>> {
  const avatar = squareImage("avatar");
  const icon = squareImage("icon");
  return {
    "/api/uploads/{attachmentId}": {
      servers: ORIGIN,
      put: {
        tags: ["files"],
        operationId: "files-upload-put",
        summary: "Upload an attachment's bytes",
        description:
          "The `upload.url` that POST /api/v1/channels/{channelId}/attachments answers (send its `upload.headers`), when the " +
          "server stores files on disk (with an object store that URL is the store's, not this route). The token in the URL is the authorization: " +
          "no bearer token or cookie. The body is exactly the declared `size` bytes (at most UPLOAD_MAX_BYTES, set by the " +
          "server); a shorter body is dropped, and may be sent again.",
        security: [],
        parameters: [
          snowflakeParam("attachmentId", "The upload's attachment id"),
          { name: "token", in: "query", required: true, description: "The token of the `upload.url`", schema: { type: "string" } },
        ],
        requestBody: { required: true, content: { "application/octet-stream": { schema: binary }, "*/*": { schema: binary } } },
        responses: {
          200: {
            description: "Stored",
            content: {
              "application/json": {
                schema: { type: "object", properties: { id: { type: "string" }, size: { type: "integer" } }, required: ["id", "size"] },
              },
            },
          },
          ...errors([400, 401, 403, 404, 409, 413], {
            400: "No body, or fewer bytes than declared",
            401: "No token, or an invalid or expired one",
            403: "The token is for another upload or size",
            404: "Unknown upload, or the server does not store files on disk",
            409: "This upload already has its bytes",
            413: "More bytes than declared",
          }),
        },
      },
    },
    "/api/attachments/{attachmentId}/{filename}": {
      servers: ORIGIN,
      get: {
        tags: ["files"],
        operationId: "files-attachment-get",
        summary: "Download an attachment",
        description:
          "An Attachment's `url`, for whoever may read its channel. Risky types are always served as downloads.",
        security: signedIn,
        parameters: [
          snowflakeParam("attachmentId", "The attachment"),
          { name: "filename", in: "path", required: true, description: "The file's name (any: the id names the file)", schema: { type: "string" } },
          { name: "download", in: "query", required: false, description: "`1`: as a download (Content-Disposition: attachment)", schema: { type: "string", enum: ["1"] } },
          {
            name: "size",
            in: "query",
            required: false,
            description: "A WebP thumbnail of this width or height at most; a file without thumbnails is served itself",
            schema: { type: "integer", enum: [...THUMBNAIL_SIDES] },
          },
        ],
        responses: { 200: fileBody("The file's bytes, as its type", ["*/*"]), 302: redirect, ...errors([400, 401, 404], { 400: "An unknown `size`" }) },
      },
    },
    "/api/avatars/me": { servers: ORIGIN, put: avatar.put, delete: avatar.delete },
    "/api/avatars/{userId}/{version}/{size}": { servers: ORIGIN, get: squareImageGet("avatars") },
    "/api/servers/{serverId}/icon": {
      servers: ORIGIN,
      parameters: [snowflakeParam("serverId", "The server")],
      put: icon.put,
      delete: icon.delete,
    },
    "/api/icons/{serverId}/{version}/{size}": { servers: ORIGIN, get: squareImageGet("icons") },
    "/api/servers/{serverId}/emojis": {
      servers: ORIGIN,
      put: {
        tags: ["files"],
        operationId: "files-emoji-put",
        summary: "Create a custom emoji",
        description:
          `The body is the image (PNG, JPEG, GIF or WebP, at most ${limits.emojiBytes.max / 1024} KiB); animated GIF or WebP ` +
          "makes an animated emoji. Needs the permission to manage emoji.",
        security: signedIn,
        parameters: [
          snowflakeParam("serverId", "The server"),
          { name: "name", in: "query", required: true, description: "2–32 letters, digits and '_', free in the server", schema: { type: "string" } },
        ],
        requestBody: { required: true, content: Object.fromEntries(["image/png", "image/jpeg", "image/gif", "image/webp", "application/octet-stream"].map((t) => [t, { schema: binary }])) },
        responses: {
          201: { description: "The new emoji", content: { "application/json": { schema: { $ref: "#/components/schemas/Emoji" } } } },
          ...errors(
            [400, 401, 403, 404, 409, 413, 429],
            {
              400: "An invalid name, no body, not an image, or the server's emoji are full",
              409: "The server has an emoji of that name",
            },
          ),
        },
      },
    },
    "/api/emojis/{emojiId}": {
      servers: ORIGIN,
      get: {
        tags: ["files"],
        operationId: "files-emoji-get",
        summary: "A custom emoji's image",
        description: "An Emoji's `url`, for anyone signed in. Its bytes never change: cached for a year.",
        security: signedIn,
        parameters: [snowflakeParam("emojiId", "The emoji")],
        responses: { 200: fileBody("The image", ["image/png", "image/jpeg", "image/gif", "image/webp"]), ...errors([401, 404]) },
      },
    },
    "/api/embeds/{messageId}/{imageId}": {
      servers: ORIGIN,
      get: {
        tags: ["files"],
        operationId: "files-embed-image-get",
        summary: "A link preview's image",
        description: "A copy taken when the preview was made, for whoever may read the message's channel.",
        security: signedIn,
        parameters: [snowflakeParam("messageId", "The message"), snowflakeParam("imageId", "The image")],
        responses: { 200: fileBody("The image", ["image/*"]), 302: redirect, ...errors([401, 404]) },
      },
    },
  };
}

/** Adds the file routes, the `files` tag and the session cookie's security scheme to the generated document. */
export function withFileRoutes(doc: OpenAPIObject): OpenAPIObject {
  Object.assign((doc.paths ??= {}), fileRoutes() as Record<string, PathItem>);
  doc.tags = [
    ...(doc.tags ?? []),
    { name: "files", description: "Raw bytes (uploads, downloads, pictures), at the app's origin under /api, not /api/v1" },
  ];
  doc.components ??= {};
  doc.components.securitySchemes = {
    ...doc.components.securitySchemes,
    sessionCookie: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "The web app's session; file routes only" },
  };
  return doc;
}
