import { randomBytes } from "node:crypto";

import { expect } from "vitest";

/** A bare HTTP client for the REST API, as curl would call it: nothing generated, nothing hidden. */

export interface RestResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever came back
  body: any;
}

export interface RestCall {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Rest = (method: string, path: string, call?: RestCall) => Promise<RestResponse>;

/** Calls `${baseUrl}/api/v1${path}`; a body is sent as JSON. */
export function restClient(baseUrl: string): Rest {
  return async (method, path, { token, body, headers = {} } = {}) => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(body !== undefined && { "content-type": "application/json" }),
        ...(token && { authorization: `Bearer ${token}` }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  };
}

/** Test files share one server and database: names carry this file's run id. */
export const runId = randomBytes(3).toString("hex");
let counter = 0;

export interface TestUser {
  id: string;
  username: string;
  email: string;
  token: string;
}

export const password = "correct horse battery";

/** Signs up a fresh account through the API (note: 20 signups an hour per address). */
export async function signUp(rest: Rest, name = "user"): Promise<TestUser> {
  const username = `${name}_${runId}_${++counter}`;
  const email = `${username}@example.com`;
  const response = await rest("POST", "/auth/signup", { body: { username, email, password } });
  if (response.status !== 200) throw new Error(`signup failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.user.id, username, email, token: response.body.token };
}

/** Asserts an error response in the API's one error shape. */
export function expectError(response: RestResponse, status: number, code: string): void {
  expect([response.status, response.body]).toEqual([status, expect.objectContaining({ code, message: expect.any(String) })]);
}
