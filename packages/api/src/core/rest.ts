import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import type { OpenApiMeta, OpenApiMethod } from "trpc-to-openapi";
import { z } from "zod";

/** The statuses a client mistake can get; each comes from a `fail.*` error (errors.ts). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429;

/** What each status means, in the OpenAPI document (the file routes' too, openapi-files.ts). */
export const errorDescriptions: Record<ErrorStatus, string> = {
  400: "Invalid input: `issues` lists the fields",
  401: "Missing, invalid, expired or revoked token",
  403: "Your role does not allow this",
  404: "Unknown, or not visible to you",
  409: "Conflicts with existing data",
  413: "The body is too large (the limit is in the message)",
  429: "Too many requests: retry after `Retry-After` seconds",
};

const bodyMethods = new Set<OpenApiMethod>(["POST", "PUT", "PATCH"]);

interface RestRoute {
  summary: string;
  description?: string;
  /** The error statuses besides 401, which every route that needs a token can return. */
  errors?: ErrorStatus[];
  /** Open to anonymous callers (signup, login). */
  anonymous?: boolean;
}

/**
 * Exposes a procedure on the REST API (base path /api/v1) and in its OpenAPI document.
 * The tag is the path's first segment, so the document groups routes as the URLs do.
 */
export function rest(method: OpenApiMethod, path: `/${string}`, route: RestRoute): OpenApiMeta {
  const statuses = new Set<ErrorStatus>(route.anonymous ? route.errors : [401, ...(route.errors ?? [])]);
  // Any route that takes a body refuses one over the REST cap (apps/web/src/server/body-limits.ts).
  if (bodyMethods.has(method)) statuses.add(413);
  return {
    openapi: {
      method,
      path,
      summary: route.summary,
      description: route.description,
      protect: !route.anonymous,
      tags: [path.split("/")[1]!],
      errorResponses: Object.fromEntries([...statuses].sort((a, b) => a - b).map((status) => [status, errorDescriptions[status]])),
    },
  };
}

const errorCodes = Object.keys(TRPC_ERROR_CODES_BY_KEY) as [TRPC_ERROR_CODE_KEY, ...TRPC_ERROR_CODE_KEY[]];

/** The one shape of every REST error body; parsing strips anything else an adapter adds. */
export const restErrorBody = z.object({
  code: z.enum(errorCodes).meta({ description: "Machine-readable", example: "NOT_FOUND" }),
  message: z.string().meta({ description: "For people", example: "Server not found" }),
  issues: z
    .array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }))
    .optional()
    .meta({ description: "For invalid input: what is wrong with which field" }),
});

export type RestErrorBody = z.infer<typeof restErrorBody>;
