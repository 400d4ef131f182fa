export const dynamic = "force-static";

/**
 * The REST API's reference for people: Swagger UI, served from the swagger-ui-dist package by
 * ./[asset] (no CDN), rendering the live document at /api/v1/openapi.json.
 */
const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Chat RTC REST API</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="reference"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script>
      SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#reference", validatorUrl: null, deepLinking: true });
    </script>
  </body>
</html>`;

export function GET() {
  return new Response(page, { headers: { "content-type": "text/html; charset=utf-8" } });
}
