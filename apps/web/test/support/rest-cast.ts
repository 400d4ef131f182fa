import { beforeAll, inject } from "vitest";

import { useOwnClientAddress } from "./client-address";
import { type Rest, type TestUser, restClient, signUp } from "./http";

/** The people most REST tests need: a server's owner, admin and member, and someone outside it. */
export interface Cast {
  owner: TestUser;
  admin: TestUser;
  member: TestUser;
  outsider: TestUser;
}

export interface RestServer {
  id: string;
  inviteCode: string;
  name: string;
}

/**
 * A REST test file's setup: its own client address (see `useOwnClientAddress`), a client for the
 * shared app server, and the cast, signed up once before the file's tests. `cast` is filled in
 * `beforeAll`: read its fields inside tests, not at import time.
 */
export function useRestCast(): { rest: Rest; cast: Cast; createServer(name?: string): Promise<RestServer> } {
  useOwnClientAddress();
  const rest = restClient(inject("baseUrl"));
  const cast = {} as Cast;
  beforeAll(async () => {
    for (const role of ["owner", "admin", "member", "outsider"] as const) cast[role] = await signUp(rest, role);
  });

  /** A server owned by the owner, with the admin as an admin and the member as a member. */
  async function createServer(name = "Guild"): Promise<RestServer> {
    const { owner, admin, member } = cast;
    const server = (await rest("POST", "/servers", { token: owner.token, body: { name } })).body as RestServer;
    for (const user of [admin, member]) await rest("POST", "/servers/join", { token: user.token, body: { inviteCode: server.inviteCode } });
    await rest("PUT", `/servers/${server.id}/members/${admin.id}`, { token: owner.token, body: { role: "admin" } });
    return server;
  }

  return { rest, cast, createServer };
}
