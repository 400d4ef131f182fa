import { type OpenAPIObject, generateOpenApiDocument } from "trpc-to-openapi";

import { appRouter } from "../root";
import { withFileRoutes } from "./openapi-files";
import { restErrorBody } from "./rest";

/** Where the REST adapter serves the procedures that carry `rest(...)` meta. */
export const REST_BASE_PATH = "/api/v1";

type Operation = NonNullable<NonNullable<OpenAPIObject["paths"]>[string]["get"]>;

let document: OpenAPIObject | undefined;

/**
 * The OpenAPI 3.1 document of the REST API, generated from the procedures' meta, input and
 * output schemas, with the file routes beside them (openapi-files.ts); built once, since it
 * depends on the code only.
 */
export function openApiDocument(): OpenAPIObject {
  document ??= withFileRoutes(withSharedErrorShape(
    generateOpenApiDocument(appRouter, {
      title: "Chat RTC REST API",
      description:
        "Chat RTC's procedures over plain HTTP and JSON, for bots, scripts and mobile apps. " +
        "Send `Authorization: Bearer <token>` with the token from /auth/signup or /auth/login. " +
        "Ids are decimal strings; times are ISO 8601 strings. Every error has one shape (`Error`): " +
        "a machine-readable `code`, a human `message` and, for invalid input, the field `issues`.",
      version: "1.0.0",
      baseUrl: REST_BASE_PATH,
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      tags: ["auth", "users", "servers", "invites", "channels", "messages"],
      defs: { Error: restErrorBody },
    }),
  ));
  return document;
}

/**
 * trpc-to-openapi describes each error status with a schema of its own, narrower than the body
 * the REST handler sends: point them all at `Error`, and tell clients of 429 when to retry.
 */
function withSharedErrorShape(doc: OpenAPIObject): OpenAPIObject {
  const schemas = doc.components?.schemas ?? {};
  for (const name of Object.keys(schemas)) if (name.startsWith("error.")) delete schemas[name];
  const operations = Object.values(doc.paths ?? {}).flatMap((path) => [path.get, path.put, path.post, path.patch, path.delete]);
  for (const operation of operations.filter((o): o is Operation => o !== undefined)) {
    const responses = operation.responses ?? {};
    for (const [status, response] of Object.entries(responses)) {
      if (Number(status) < 400) continue;
      responses[status] = {
        description: (response as { description: string }).description,
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        ...(status === "429" && {
          headers: { "Retry-After": { description: "Seconds to wait before retrying", schema: { type: "integer", minimum: 1 } } },
        }),
      };
    }
  }
  return doc;
}
