/** The authorization matrix over the REST API (/api/v1) of the real app server, for every procedure with a REST route. */
import { appRouter } from "@chat/api";
import type { Outcome } from "@chat/api/testing";
import { inject } from "vitest";

import { useOwnClientAddress } from "../support/client-address";
import { describeMatrix } from "../support/matrix";

useOwnClientAddress();
const baseUrl = inject("baseUrl");

type Procedures = Record<string, { _def: { meta?: { openapi?: { method: string; path: string } } } }>;
const routeOf = (path: string) => (appRouter._def.procedures as unknown as Procedures)[path]?._def.meta?.openapi;

/** The route's URL with path parameters from `input`; what is left goes in the query (GET, DELETE) or the body. */
function request(route: { method: string; path: string }, input: Record<string, string | boolean>) {
  const rest = { ...input };
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = String(rest[name]);
    delete rest[name];
    return encodeURIComponent(value);
  });
  const inQuery = route.method === "GET" || route.method === "DELETE";
  const params = Object.entries(rest).map(([name, value]) => [name, String(value)]);
  const query = inQuery && params.length > 0 ? `?${new URLSearchParams(params)}` : "";
  return { url: `${baseUrl}/api/v1${path}${query}`, body: inQuery ? undefined : JSON.stringify(rest) };
}

describeMatrix(baseUrl, () => ({
  name: "REST",
  serves: (path) => routeOf(path) !== undefined,
  async call(token, path, input) {
    const route = routeOf(path)!;
    const { url, body } = request(route, input);
    const response = await fetch(url, {
      method: route.method,
      headers: { ...(token && { authorization: `Bearer ${token}` }), ...(body && { "content-type": "application/json" }) },
      body,
    });
    const parsed = (await response.json()) as { code?: Outcome };
    return { status: response.status, code: response.ok ? "ok" : parsed.code! };
  },
}));
