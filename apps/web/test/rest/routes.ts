/**
 * The route table of issue 3, as the issue writes it, and the routes of issues 6, 7, 13, 16, 17, 18 and 19: the REST API must serve each of these,
 * and its OpenAPI document must describe each (path parameters may be named differently).
 */
export const routeTable = [
  ["POST", "/auth/signup"],
  ["POST", "/auth/login"],
  ["GET", "/auth/me"],
  ["POST", "/auth/logout"],
  ["POST", "/servers"],
  ["GET", "/servers"],
  ["GET", "/servers/{id}"],
  ["PUT", "/servers/{id}"],
  ["DELETE", "/servers/{id}"],
  ["POST", "/servers/join"],
  ["DELETE", "/servers/{id}/leave"],
  ["GET", "/servers/{id}/members"],
  ["PUT", "/servers/{id}/members/{userId}"],
  ["POST", "/servers/{id}/channels"],
  ["GET", "/servers/{id}/channels"],
  ["GET", "/channels/{id}"],
  ["PUT", "/channels/{id}"],
  ["DELETE", "/channels/{id}"],
  ["POST", "/channels/{id}/messages"],
  ["GET", "/channels/{id}/messages"],
  ["DELETE", "/messages/{id}"],
  // Issue 7: moderation and account security.
  ["DELETE", "/servers/{id}/members/{userId}"],
  ["PUT", "/servers/{id}/bans/{userId}"],
  ["DELETE", "/servers/{id}/bans/{userId}"],
  ["GET", "/servers/{id}/bans"],
  ["POST", "/servers/{id}/invites"],
  ["GET", "/servers/{id}/invites"],
  ["DELETE", "/servers/{id}/invites/{code}"],
  ["GET", "/invites/{code}"],
  ["GET", "/servers/{id}/audit-log"],
  ["GET", "/users/me/status"],
  ["PUT", "/users/me/status"],
  ["GET", "/auth/sessions"],
  ["DELETE", "/auth/sessions/{id}"],
  ["POST", "/auth/sessions/revoke-others"],
  ["POST", "/auth/password"],
  ["GET", "/auth/2fa"],
  ["POST", "/auth/2fa/enroll"],
  ["POST", "/auth/2fa/confirm"],
  ["POST", "/auth/2fa/disable"],
  ["POST", "/auth/2fa/recovery-codes"],
  ["POST", "/auth/2fa/verify"],
  // Issue 6: message edits and reactions; read state, mutes and search.
  ["GET", "/messages/{id}"],
  ["PATCH", "/messages/{id}"],
  ["PUT", "/messages/{id}/reactions/{emoji}"],
  ["DELETE", "/messages/{id}/reactions/{emoji}"],
  ["POST", "/channels/{id}/read"],
  ["PUT", "/servers/{id}/muted"],
  ["GET", "/servers/{id}/messages/search"],
  // Issue 13: the account's security log.
  ["GET", "/auth/security-log"],
  // Issue 16: pins, slowmode and timeouts.
  ["PUT", "/messages/{id}/pin"],
  ["DELETE", "/messages/{id}/pin"],
  ["GET", "/channels/{id}/pins"],
  ["PUT", "/channels/{id}/slowmode"],
  ["PUT", "/servers/{id}/members/{userId}/timeout"],
  ["DELETE", "/servers/{id}/members/{userId}/timeout"],
  // Issue 16: roles.
  ["GET", "/servers/{id}/roles"],
  ["POST", "/servers/{id}/roles"],
  ["PATCH", "/servers/{id}/roles/{roleId}"],
  ["PUT", "/servers/{id}/roles/{roleId}/position"],
  ["DELETE", "/servers/{id}/roles/{roleId}"],
  ["PUT", "/servers/{id}/members/{userId}/roles/{roleId}"],
  ["DELETE", "/servers/{id}/members/{userId}/roles/{roleId}"],
  // Issue 16: permission overwrites and private channels.
  ["GET", "/channels/{id}/overwrites"],
  ["PUT", "/channels/{id}/overwrites/{targetType}/{targetId}"],
  ["DELETE", "/channels/{id}/overwrites/{targetType}/{targetId}"],
  ["POST", "/channels/{id}/sync"],
  ["GET", "/servers/{id}/categories/{categoryId}/overwrites"],
  ["PUT", "/servers/{id}/categories/{categoryId}/overwrites/{targetType}/{targetId}"],
  ["DELETE", "/servers/{id}/categories/{categoryId}/overwrites/{targetType}/{targetId}"],
  // Issue 16: categories and channel order.
  ["GET", "/servers/{id}/categories"],
  ["POST", "/servers/{id}/categories"],
  ["PUT", "/categories/{id}"],
  ["PUT", "/categories/{id}/position"],
  ["DELETE", "/categories/{id}"],
  ["PUT", "/channels/{id}/position"],
  // Issue 17: profiles, friends and blocks.
  ["GET", "/users/{id}/profile"],
  ["PATCH", "/users/me/profile"],
  ["GET", "/users/me/friends"],
  ["POST", "/users/me/friends"],
  ["PUT", "/users/me/friends/{userId}"],
  ["DELETE", "/users/me/friends/{userId}"],
  ["POST", "/users/me/friend-requests/{userId}/decline"],
  ["DELETE", "/users/me/friend-requests/{userId}"],
  ["GET", "/users/me/blocks"],
  ["PUT", "/users/me/blocks/{userId}"],
  ["DELETE", "/users/me/blocks/{userId}"],
  // Issue 17: direct messages, groups and who may DM you.
  ["POST", "/users/me/dms"],
  ["GET", "/users/me/dms"],
  ["GET", "/users/me/dms/messages/search"],
  ["PUT", "/users/me/dms/{id}/muted"],
  ["GET", "/users/me/privacy"],
  ["PUT", "/users/me/privacy"],
  // Issue 18: avatars and server icons (set by PUT /api/avatars/me and /api/servers/{id}/icon, outside /api/v1).
  ["DELETE", "/users/me/avatar"],
  ["DELETE", "/servers/{id}/icon"],
  ["GET", "/servers/{id}/members/me/privacy"],
  ["PUT", "/servers/{id}/members/me/privacy"],
  ["POST", "/groups"],
  ["PUT", "/groups/{id}/recipients/{userId}"],
  ["DELETE", "/groups/{id}/recipients/{userId}"],
  ["POST", "/groups/{id}/leave"],
  ["PATCH", "/groups/{id}"],
  // Issue 17: per-server nicknames.
  ["PUT", "/servers/{id}/members/{userId}/nickname"],
  // Issue 18: link previews.
  ["DELETE", "/messages/{id}/embeds"],
  // Issue 18: attachments (the bytes go to /api/uploads/{id}, outside /api/v1; `attachmentIds` on message create;
  // an Attachment gains `placeholder`, its thumbnails are `url?size=400|1600`, outside /api/v1 too).
  ["POST", "/channels/{id}/attachments"],
  // Issue 18: custom emoji (uploads are a PUT of the bytes to /api/servers/{id}/emojis?name=…, outside /api/v1).
  ["GET", "/servers/{id}/emojis"],
  ["PATCH", "/servers/{id}/emojis/{emojiId}"],
  ["DELETE", "/servers/{id}/emojis/{emojiId}"],
  // Issue 19: Web Push on this device.
  ["GET", "/push/public-key"],
  ["PUT", "/push/subscription"],
  ["DELETE", "/push/subscription"],
  // Issue 19: notification levels per server and channel.
  ["PUT", "/servers/{id}/notify"],
  ["PUT", "/channels/{id}/notify"],
] as const;

/**
 * The file routes (raw bytes, served by apps/web/src/app/api beside /api/v1) and the statuses
 * their handlers answer: the document describes each under its whole path.
 */
export const fileRouteTable = [
  ["PUT", "/api/uploads/{id}", [200, 400, 401, 403, 404, 409, 413]],
  ["GET", "/api/attachments/{id}/{filename}", [200, 302, 400, 401, 404]],
  ["PUT", "/api/avatars/me", [200, 400, 401, 403, 413, 429]],
  ["DELETE", "/api/avatars/me", [200, 401, 403, 429]],
  ["GET", "/api/avatars/{userId}/{version}/{size}", [200, 401, 404]],
  ["PUT", "/api/servers/{id}/icon", [200, 400, 401, 403, 404, 413, 429]],
  ["DELETE", "/api/servers/{id}/icon", [200, 401, 403, 404, 429]],
  ["GET", "/api/icons/{serverId}/{version}/{size}", [200, 401, 404]],
  ["PUT", "/api/servers/{id}/emojis", [201, 400, 401, 403, 404, 409, 413, 429]],
  ["GET", "/api/emojis/{id}", [200, 401, 404]],
  ["GET", "/api/embeds/{messageId}/{imageId}", [200, 302, 401, 404]],
] as const;

export const anonymousRoutes = new Set([
  "POST /auth/signup",
  "POST /auth/login",
  "POST /auth/2fa/verify",
  "GET /invites/{code}",
]);

/** `/servers/{id}/members/{userId}` → `/servers/{}/members/{}`, to compare paths whatever the parameter names. */
export function pathShape(path: string): string {
  return path.replace(/\{[^}]+\}/g, "{}");
}

/** A concrete URL path for a route, with every parameter set to `id`. */
export function concretePath(path: string, id: string): string {
  return path.replace(/\{[^}]+\}/g, id);
}
