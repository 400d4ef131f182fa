/**
 * The route table of issue 3, as the issue writes it, and the routes of issues 6, 7, 13 and 16: the REST API must serve each of these,
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
