import { openApiDocument } from "@chat/api";

import { withCors } from "~/server/cors";

export const dynamic = "force-dynamic";

/** The REST API's OpenAPI 3.1 document, for client generators and the page at /docs. */
export function GET(req: Request) {
  return withCors(req, Response.json(openApiDocument()));
}
