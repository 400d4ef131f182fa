import { type RestErrorBody } from "@chat/api";
import { env } from "@chat/env";

/**
 * CORS for the REST API. Tokens travel in the Authorization header, never in cookies, so there
 * are no credentials to allow: the allowlist only decides which pages may read the responses.
 */
const ALLOWED_METHODS = "GET, POST, PUT, DELETE";
const ALLOWED_HEADERS = "authorization, content-type, x-request-id";
const EXPOSED_HEADERS = "retry-after, x-request-id";
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** An origin in ALLOWED_ORIGINS (which holds PUBLIC_URL's), or the app's own. */
function allowedOrigin(req: Request): string | null {
  const origin = req.headers.get("origin");
  if (!origin) return null;
  return env.ALLOWED_ORIGINS.includes(origin) || isOwnOrigin(origin, req) ? origin : null;
}

/**
 * The page was served by this app: same host as the request's Host header, which a browser
 * never lets a page set. (The scheme is not compared: TLS may end at a proxy in front of us.)
 */
function isOwnOrigin(origin: string, req: Request): boolean {
  return URL.canParse(origin) && new URL(origin).host === req.headers.get("host");
}

/** Lets an allowed page read this response. */
export function withCors(req: Request, response: Response): Response {
  response.headers.append("vary", "Origin");
  const origin = allowedOrigin(req);
  if (origin) {
    response.headers.set("access-control-allow-origin", origin);
    response.headers.set("access-control-expose-headers", EXPOSED_HEADERS);
  }
  return response;
}

/** Answers a browser's preflight (pass the answer through withCors): an allowed page learns what it may send. */
export function preflight(req: Request): Response {
  const origin = allowedOrigin(req);
  if (req.headers.has("origin") && !origin) {
    const body: RestErrorBody = { code: "FORBIDDEN", message: "This origin is not in ALLOWED_ORIGINS" };
    return Response.json(body, { status: 403 });
  }
  return new Response(null, {
    status: 204,
    headers: {
      "access-control-allow-methods": ALLOWED_METHODS,
      "access-control-allow-headers": ALLOWED_HEADERS,
      "access-control-max-age": String(PREFLIGHT_MAX_AGE_SECONDS),
    },
  });
}
