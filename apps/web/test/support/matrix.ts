/**
 * The authorization matrix over a real transport of the shared app server: the cases and the
 * expected outcomes come from @chat/api/testing (generated from the permission table); a
 * transport only says how to make one call and read what came back.
 */
import type { AppRouter } from "@chat/api";
import {
  type Act,
  type ActorName,
  type AuthorizationCase,
  type Ids,
  type Outcome,
  type People,
  actorsOf,
  authorizationCases,
  befriendGroupCast,
  buildForeignGroupIds,
  buildForeignIds,
  buildMatrixDms,
  buildMatrixGroup,
  buildMatrixServer,
  type ConversationIds,
  conversationActors,
  conversationCases,
  conversationToken,
  dmActors,
  dmCases,
  dmToken,
  expectedConversationOutcome,
  expectedDmOutcome,
  expectedOutcome,
  needsOwnFixture,
  needsOwnDm,
  needsOwnGroup,
  procedureType,
  statusOf,
} from "@chat/api/testing";
import { realtimeLimits } from "@chat/realtime/ws";
import { createTRPCUntypedClient, createWSClient, TRPCClientError, wsLink } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";

import { runId } from "./http";

export interface CellResult {
  status: number;
  code: Outcome;
}

export interface Transport {
  name: string;
  /** Whether the transport serves this procedure at all (REST serves those with REST meta). */
  serves(path: string): boolean;
  call(token: string | undefined, path: string, input: Record<string, string | boolean>): Promise<CellResult>;
  close?(): Promise<void>;
}

/** tRPC over HTTP, as the fixture is built whatever the transport under test. */
export async function trpcHttpCall(baseUrl: string, token: string | undefined, path: string, input: unknown) {
  const type = procedureType(path);
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const encoded = JSON.stringify(superjson.serialize(input));
  const url = `${baseUrl}/api/trpc/${path}`;
  return type === "mutation"
    ? fetch(url, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: encoded })
    : fetch(`${url}?input=${encodeURIComponent(encoded)}`, { headers });
}

export function httpAct(baseUrl: string): Act {
  return async (token, path, input) => {
    const response = await trpcHttpCall(baseUrl, token, path, input);
    const body = (await response.json()) as { result?: { data: unknown }; error?: unknown };
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return superjson.deserialize(body.result!.data as never);
  };
}

let signups = 0;
/** The signed-in people of the matrix, through the tRPC HTTP endpoint. */
export async function signUpPeople(baseUrl: string): Promise<People> {
  const act = httpAct(baseUrl);
  const names = ["owner", "admin", "member", "stranger", "outsider", "overwritten", "readmitted"] as const;
  const entries = [];
  for (const name of names) {
    const username = `m${name}_${runId}_${++signups}`;
    const { token, user } = (await act("", "auth.signup", {
      username,
      email: `${username}@example.com`,
      password: "correct horse battery",
    })) as { token: string; user: { id: string } };
    entries.push([name, { token, id: user.id }] as const);
  }
  return Object.fromEntries(entries) as People;
}

/** A subscription over WebSocket: "ok" once it starts, else the refusal. */
/** Calls on one matrix connection before it takes another: half the frames a connection may send a minute. */
const FRAMES_PER_CONNECTION = realtimeLimits.messagesPerWindow / 2;

export function wsTransport(baseUrl: string): Transport {
  const sockets = new Map<string, { socket: ReturnType<typeof createWSClient>; calls: number }>();
  const clientFor = (token: string | undefined) => {
    const key = token ?? "";
    let entry = sockets.get(key);
    // A connection may send realtimeLimits.messagesPerWindow frames a minute (pings included):
    // the matrix, hundreds of calls by one person, takes a fresh connection well before that.
    if (entry && entry.calls >= FRAMES_PER_CONNECTION) {
      entry.socket.close();
      entry = undefined;
    }
    if (!entry) {
      const socket = createWSClient({
        url: `${baseUrl.replace(/^http/, "ws")}/api/ws`,
        WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
        connectionParams: token ? { token } : {},
      });
      entry = { socket, calls: 0 };
      sockets.set(key, entry);
    }
    entry.calls += 1;
    return createTRPCUntypedClient<AppRouter>({ links: [wsLink({ client: entry.socket, transformer: superjson })] });
  };
  const refusal = (error: unknown): CellResult => {
    if (!(error instanceof TRPCClientError)) throw error;
    const data = error.data as { code: Outcome; httpStatus: number };
    return { status: data.httpStatus, code: data.code };
  };
  return {
    name: "WebSocket",
    serves: () => true,
    async call(token, path, input) {
      const client = clientFor(token);
      const type = procedureType(path);
      if (type !== "subscription") {
        return (type === "query" ? client.query(path, input) : client.mutation(path, input)).then(
          () => ({ status: 200, code: "ok" }),
          refusal,
        );
      }
      return new Promise((resolve) => {
        const subscription = client.subscription(path, input, {
          onStarted: () => {
            subscription.unsubscribe();
            resolve({ status: 200, code: "ok" });
          },
          onError: (error) => resolve(refusal(error)),
        });
      });
    },
    async close() {
      await Promise.all([...sockets.values()].map(({ socket }) => socket.close()));
    },
  };
}

const tokenOf = (people: People, actor: ActorName) => (actor === "anonymous" ? undefined : people[actor].token);

/**
 * Every case × every actor through `transport`, and every case aimed at another server's ids.
 * Cells share one fixture, except allowed mutations, which get their own.
 */
export function describeMatrix(baseUrl: string, makeTransport: () => Transport): void {
  let transport: Transport;
  let people: People;
  let shared: Awaited<ReturnType<typeof buildMatrixServer>>;
  let foreign: Ids;
  let group: Awaited<ReturnType<typeof buildMatrixGroup>>;
  let foreignGroup: ConversationIds;
  let cells = 0;
  const act = httpAct(baseUrl);
  const cases = authorizationCases.filter((testCase) => makeTransport().serves(testCase.path));
  const groupCases = conversationCases.filter((testCase) => makeTransport().serves(testCase.path));
  const directCases = dmCases.filter((testCase) => makeTransport().serves(testCase.path));

  beforeAll(async () => {
    transport = makeTransport();
    people = await signUpPeople(baseUrl);
    shared = await buildMatrixServer(act, people);
    foreign = await buildForeignIds(act, people.outsider);
    await befriendGroupCast(act, people);
    group = await buildMatrixGroup(act, people);
    foreignGroup = await buildForeignGroupIds(act, people);
  });
  afterAll(async () => {
    console.log(`authorization matrix (${transport.name}): ${cells} cells checked`);
    await transport.close?.();
  });

  const expectCell = async (actor: ActorName, testCase: AuthorizationCase, ids: Ids, expected: Outcome) => {
    cells++;
    const result = await transport.call(tokenOf(people, actor), testCase.path, testCase.input(ids));
    expect(result).toEqual({ status: statusOf(expected), code: expected });
  };

  describe(`authorization matrix`, () => {
    it("serves some cases", () => expect(cases.length).toBeGreaterThan(0));
    for (const testCase of cases) {
      for (const actor of actorsOf(testCase)) {
        const expected = expectedOutcome(testCase, actor);
        it(`${testCase.label} as ${actor} → ${expected}`, async () => {
          const fixture = needsOwnFixture(testCase, actor) ? await buildMatrixServer(act, people) : shared;
          await expectCell(actor, testCase, fixture.idsFor(testCase), expected);
        });
      }
    }
  });

  describe("ids from another server never work (IDOR)", () => {
    for (const testCase of cases) {
      it(`${testCase.label} → NOT_FOUND for this server's owner`, () => expectCell("owner", testCase, foreign, "NOT_FOUND"));
    }
  });

  describe("authorization matrix in a group DM", () => {
    const expectGroupCell = async (token: string | undefined, path: string, input: Record<string, string | boolean>, expected: Outcome) => {
      cells++;
      expect(await transport.call(token, path, input)).toEqual({ status: statusOf(expected), code: expected });
    };
    for (const testCase of groupCases) {
      for (const actor of conversationActors) {
        const expected = expectedConversationOutcome(testCase, actor);
        it(`${testCase.label} as ${actor} → ${expected}`, async () => {
          const fixture = needsOwnGroup(testCase, actor) ? await buildMatrixGroup(act, people) : group;
          await expectGroupCell(conversationToken(people, actor), testCase.path, testCase.input(fixture.idsFor(testCase)), expected);
        });
      }
      it(`${testCase.label} with another group's ids → NOT_FOUND for this group's owner`, () =>
        expectGroupCell(conversationToken(people, "groupOwner"), testCase.path, testCase.input(foreignGroup), "NOT_FOUND"));
    }
  });

  // Last: its fixture blocks someone the group fixtures above befriend.
  describe("authorization matrix in a DM, a block standing in one", () => {
    let dms: Awaited<ReturnType<typeof buildMatrixDms>>;
    beforeAll(async () => {
      dms = await buildMatrixDms(act, people);
    });
    for (const testCase of directCases) {
      for (const actor of dmActors) {
        const expected = expectedDmOutcome(testCase, actor);
        it(`${testCase.label} as ${actor} → ${expected}`, async () => {
          const fixture = needsOwnDm(testCase, actor) ? await buildMatrixDms(act, people) : dms;
          cells++;
          const result = await transport.call(dmToken(people, actor), testCase.path, testCase.input(fixture.idsFor(testCase, actor)));
          expect(result).toEqual({ status: statusOf(expected), code: expected });
        });
      }
    }
  });
}
