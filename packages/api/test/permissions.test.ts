/**
 * The authorization matrix through createCaller, generated from the permission table: every
 * procedure that acts on a server's objects × every actor, each cell asserting success or the
 * exact refusal the table gives. The same cases run over HTTP, REST and WebSocket in apps/web.
 */
import { type Action, builtInStanding, isAllowed, permissions } from "@chat/policy/permissions";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { appRouter } from "../src";
import {
  type Act,
  type ActorName,
  type Ids,
  type Outcome,
  type People,
  actors,
  actorsOf,
  authorizationCases as cases,
  befriendGroupCast,
  buildForeignGroupIds,
  buildMatrixDms,
  buildForeignIds,
  buildMatrixGroup,
  buildMatrixServer,
  capabilities,
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
  outsideTheMatrix,
  roles,
} from "../src/testing/authorization";
import { createHarness, type Harness } from "./harness";

let h: Harness;
let people: People;
let foreign: Ids;
let shared: Awaited<ReturnType<typeof buildMatrixServer>>;
let sharedGroup: Awaited<ReturnType<typeof buildMatrixGroup>>;
let foreignGroup: ConversationIds;
let cells = 0;

/** Calls a procedure by its path, as the holder of `token` (anonymous without one). */
async function call(token: string | undefined, path: string, input: unknown): Promise<unknown> {
  const caller = await h.caller(token ? { authorization: `Bearer ${token}` } : {});
  const [router, procedure] = path.split(".") as [string, string];
  const routers = caller as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
  return routers[router]![procedure]!(input);
}
const act: Act = (token, path, input) => call(token, path, input);

beforeAll(async () => {
  h = await createHarness();
  const names = ["owner", "admin", "member", "stranger", "outsider", "overwritten", "readmitted"] as const;
  const signedUp = await Promise.all(names.map((name) => h.user(name)));
  const entries = names.map((name, index) => [name, { id: signedUp[index]!.id, token: signedUp[index]!.token }]);
  people = Object.fromEntries(entries) as People;
  foreign = await buildForeignIds(act, people.outsider);
  shared = await buildMatrixServer(act, people);
  await befriendGroupCast(act, people);
  sharedGroup = await buildMatrixGroup(act, people);
  foreignGroup = await buildForeignGroupIds(act, people);
});
afterAll(async () => {
  console.log(`authorization matrix (createCaller): ${cells} cells checked`);
  await h.close();
});

async function outcome(call: Promise<unknown>): Promise<Outcome> {
  try {
    await call;
    return "ok";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

const tokenOf = (actor: ActorName) => (actor === "anonymous" ? undefined : people[actor].token);

describe("authorization matrix", () => {
  for (const testCase of cases) {
    for (const actor of actorsOf(testCase)) {
      it(`${testCase.label} as ${actor} → ${expectedOutcome(testCase, actor)}`, async () => {
        const fixture = needsOwnFixture(testCase, actor) ? await buildMatrixServer(act, people) : shared;
        cells++;
        const result = await outcome(call(tokenOf(actor), testCase.path, testCase.input(fixture.idsFor(testCase))));
        expect(result).toBe(expectedOutcome(testCase, actor));
      });
    }
  }

  it("the table says what the product decided", () => {
    // Owner, admin, member — written out by hand, so a slip in the table cannot pass unnoticed.
    const decided: Record<string, [string, string, string]> = {
      "server.get": ["ok", "ok", "ok"],
      "server.update": ["ok", "ok", "FORBIDDEN"],
      "server.regenerateInvite": ["ok", "ok", "FORBIDDEN"],
      "server.removeIcon": ["ok", "ok", "FORBIDDEN"],
      "server.delete": ["ok", "FORBIDDEN", "FORBIDDEN"],
      "server.leave": ["BAD_REQUEST", "ok", "ok"],
      "server.setMuted": ["ok", "ok", "ok"],
      "server.setNotify": ["ok", "ok", "ok"],
      "user.serverPrivacy": ["ok", "ok", "ok"],
      "user.updateServerPrivacy": ["ok", "ok", "ok"],
      "member.list": ["ok", "ok", "ok"],
      "member.updateRole": ["ok", "FORBIDDEN", "FORBIDDEN"],
      "member.transferOwnership": ["ok", "FORBIDDEN", "FORBIDDEN"],
      "member.remove (owner's membership)": ["BAD_REQUEST", "FORBIDDEN", "FORBIDDEN"],
      "member.remove (admin's membership)": ["ok", "FORBIDDEN", "FORBIDDEN"],
      "member.remove (member's membership)": ["ok", "ok", "FORBIDDEN"],
      "member.ban (owner's membership)": ["BAD_REQUEST", "FORBIDDEN", "FORBIDDEN"],
      "member.ban (admin's membership)": ["ok", "BAD_REQUEST", "FORBIDDEN"],
      "member.ban (member's membership)": ["ok", "ok", "FORBIDDEN"],
      "member.timeout (owner's membership)": ["BAD_REQUEST", "FORBIDDEN", "FORBIDDEN"],
      "member.timeout (admin's membership)": ["ok", "BAD_REQUEST", "FORBIDDEN"],
      "member.timeout (member's membership)": ["ok", "ok", "FORBIDDEN"],
      "member.removeTimeout (owner's membership)": ["BAD_REQUEST", "FORBIDDEN", "FORBIDDEN"],
      "member.removeTimeout (admin's membership)": ["ok", "BAD_REQUEST", "FORBIDDEN"],
      "member.removeTimeout (member's membership)": ["ok", "ok", "FORBIDDEN"],
      "member.setNickname (owner's membership)": ["ok", "FORBIDDEN", "FORBIDDEN"],
      "member.setNickname (admin's membership)": ["ok", "ok", "FORBIDDEN"],
      "member.setNickname (member's membership)": ["ok", "ok", "ok"],
      "member.unban": ["ok", "ok", "FORBIDDEN"],
      "member.listBans": ["ok", "ok", "FORBIDDEN"],
      "invite.create": ["ok", "ok", "ok"],
      "invite.list": ["ok", "ok", "FORBIDDEN"],
      "invite.revoke": ["ok", "ok", "FORBIDDEN"],
      "audit.list": ["ok", "ok", "FORBIDDEN"],
      "emoji.list": ["ok", "ok", "ok"],
      "emoji.rename": ["NOT_FOUND", "NOT_FOUND", "FORBIDDEN"],
      "emoji.delete": ["NOT_FOUND", "NOT_FOUND", "FORBIDDEN"],
      "presence.onEvent": ["ok", "ok", "ok"],
      "presence.onChange": ["ok", "ok", "ok"],
      "channel.list": ["ok", "ok", "ok"],
      "channel.get": ["ok", "ok", "ok"],
      "channel.create": ["ok", "ok", "FORBIDDEN"],
      "channel.update": ["ok", "ok", "FORBIDDEN"],
      "channel.delete": ["ok", "ok", "FORBIDDEN"],
      "channel.setSlowmode": ["ok", "ok", "FORBIDDEN"],
      "channel.markRead": ["ok", "ok", "ok"],
      "channel.setNotify": ["ok", "ok", "ok"],
      "channel.move": ["ok", "ok", "FORBIDDEN"],
      "category.list": ["ok", "ok", "ok"],
      "category.create": ["ok", "ok", "FORBIDDEN"],
      "category.update": ["ok", "ok", "FORBIDDEN"],
      "category.move": ["ok", "ok", "FORBIDDEN"],
      "category.delete": ["ok", "ok", "FORBIDDEN"],
      "message.list": ["ok", "ok", "ok"],
      "message.get": ["ok", "ok", "ok"],
      "message.send": ["ok", "ok", "ok"],
      "attachment.createUpload": ["ok", "ok", "ok"],
      "message.onEvent": ["ok", "ok", "ok"],
      "message.search": ["ok", "ok", "ok"],
      "typing.start": ["ok", "ok", "ok"],
      "typing.onEvent": ["ok", "ok", "ok"],
      "typing.onChange": ["ok", "ok", "ok"],
      "message.edit (owner's message)": ["ok", "FORBIDDEN", "FORBIDDEN"],
      "message.edit (admin's message)": ["FORBIDDEN", "ok", "FORBIDDEN"],
      "message.edit (member's message)": ["FORBIDDEN", "FORBIDDEN", "ok"],
      "message.removeEmbeds (owner's message)": ["ok", "FORBIDDEN", "FORBIDDEN"],
      "message.removeEmbeds (admin's message)": ["FORBIDDEN", "ok", "FORBIDDEN"],
      "message.removeEmbeds (member's message)": ["FORBIDDEN", "FORBIDDEN", "ok"],
      "message.delete (owner's message)": ["ok", "FORBIDDEN", "FORBIDDEN"],
      "message.delete (admin's message)": ["ok", "ok", "FORBIDDEN"],
      "message.delete (member's message)": ["ok", "ok", "ok"],
      "reaction.add": ["ok", "ok", "ok"],
      "reaction.remove": ["ok", "ok", "ok"],
      "message.pin": ["ok", "ok", "FORBIDDEN"],
      "message.unpin": ["ok", "ok", "FORBIDDEN"],
      "message.pins": ["ok", "ok", "ok"],
      "role.list": ["ok", "ok", "ok"],
      "role.create": ["ok", "ok", "FORBIDDEN"],
      "role.update": ["ok", "ok", "FORBIDDEN"],
      "role.move": ["ok", "ok", "FORBIDDEN"],
      "role.delete": ["ok", "ok", "FORBIDDEN"],
      "member.addRole": ["ok", "ok", "FORBIDDEN"],
      "member.removeRole": ["ok", "ok", "FORBIDDEN"],
      "overwrite.list": ["ok", "ok", "FORBIDDEN"],
      "overwrite.set": ["ok", "ok", "FORBIDDEN"],
      "overwrite.delete": ["ok", "ok", "FORBIDDEN"],
      "channel.sync": ["BAD_REQUEST", "BAD_REQUEST", "FORBIDDEN"],
      "overwrite.listCategory": ["ok", "ok", "FORBIDDEN"],
      "overwrite.setCategory": ["ok", "ok", "FORBIDDEN"],
      "overwrite.deleteCategory": ["ok", "ok", "FORBIDDEN"],
    };
    const fromTable = Object.fromEntries(cases.map((c) => [c.label, roles.map((role) => expectedOutcome(c, role))]));
    expect(fromTable).toEqual(decided);
    const allowedTo = (action: Action) => roles.map((role) => isAllowed(action, { userId: 1n, ...builtInStanding(role) }));
    expect(Object.fromEntries(capabilities.map((action) => [action, allowedTo(action)]))).toEqual({
      "message.mentionEveryone": [true, true, false],
      "message.skipSlowmode": [true, true, false],
    });
  });

  it("every allowed and every refused cell is exercised by some case", () => {
    const cellKinds = new Set(cases.flatMap((c) => actors.map((a) => expectedOutcome(c, a) === "ok")));
    expect(cellKinds).toEqual(new Set([true, false]));
    for (const action of (Object.keys(permissions) as Action[]).filter((action) => !capabilities.includes(action))) {
      expect([...cases, ...conversationCases].some((c) => c.action === action), `no case for ${action}`).toBe(true);
    }
  });

  it("covers every procedure of the router (add new ones to the matrix)", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    const covered = new Set([...cases.map((c) => c.path), ...conversationCases.map((c) => c.path), ...outsideTheMatrix]);
    expect(procedures.filter((path) => !covered.has(path))).toEqual([]);
  });
});

describe("ids from another server never work (IDOR)", () => {
  for (const testCase of cases) {
    it(`${testCase.label} with another server's ids → NOT_FOUND for this server's owner`, async () => {
      cells++;
      expect(await outcome(call(people.owner.token, testCase.path, testCase.input(foreign)))).toBe("NOT_FOUND");
    });
  }
});

describe("authorization matrix in a group DM", () => {
  for (const testCase of conversationCases) {
    for (const actor of conversationActors) {
      it(`${testCase.label} as ${actor} → ${expectedConversationOutcome(testCase, actor)}`, async () => {
        const group = needsOwnGroup(testCase, actor) ? await buildMatrixGroup(act, people) : sharedGroup;
        cells++;
        const result = await outcome(call(conversationToken(people, actor), testCase.path, testCase.input(group.idsFor(testCase))));
        expect(result).toBe(expectedConversationOutcome(testCase, actor));
      });
    }
  }

  it("the table says what the product decided", () => {
    // Group owner, participant — written out by hand.
    const decided = Object.fromEntries(conversationCases.map((c) => [c.label, (["groupOwner", "participant"] as const).map((a) => expectedConversationOutcome(c, a))]));
    expect(decided).toEqual({
      "message.list": ["ok", "ok"],
      "message.get": ["ok", "ok"],
      "message.send": ["ok", "ok"],
      "attachment.createUpload": ["ok", "ok"],
      "message.onEvent": ["ok", "ok"],
      "typing.start": ["ok", "ok"],
      "typing.onEvent": ["ok", "ok"],
      "channel.markRead": ["ok", "ok"],
      "dm.setMuted": ["ok", "ok"],
      "message.edit (groupOwner's message)": ["ok", "FORBIDDEN"],
      "message.edit (participant's message)": ["FORBIDDEN", "ok"],
      "message.removeEmbeds (groupOwner's message)": ["ok", "FORBIDDEN"],
      "message.removeEmbeds (participant's message)": ["FORBIDDEN", "ok"],
      "message.delete (groupOwner's message)": ["ok", "FORBIDDEN"],
      "message.delete (participant's message)": ["FORBIDDEN", "ok"],
      "reaction.add": ["ok", "ok"],
      "reaction.remove": ["ok", "ok"],
      "group.rename": ["ok", "ok"],
      "group.leave": ["ok", "ok"],
      "group.removeRecipient (groupOwner's place)": ["BAD_REQUEST", "FORBIDDEN"],
      "group.removeRecipient (participant's place)": ["ok", "FORBIDDEN"],
    });
  });

  for (const testCase of conversationCases) {
    it(`${testCase.label} with another group's ids → NOT_FOUND for this group's owner`, async () => {
      cells++;
      expect(await outcome(call(conversationToken(people, "groupOwner"), testCase.path, testCase.input(foreignGroup)))).toBe("NOT_FOUND");
    });
  }
});

describe("authorization matrix in a DM, a block standing in one", () => {
  let dms: Awaited<ReturnType<typeof buildMatrixDms>>;
  beforeAll(async () => {
    dms = await buildMatrixDms(act, people);
  });
  for (const testCase of dmCases) {
    for (const actor of dmActors) {
      it(`${testCase.label} as ${actor} → ${expectedDmOutcome(testCase, actor)}`, async () => {
        const fixture = needsOwnDm(testCase, actor) ? await buildMatrixDms(act, people) : dms;
        cells++;
        const result = await outcome(call(dmToken(people, actor), testCase.path, testCase.input(fixture.idsFor(testCase, actor))));
        expect(result).toBe(expectedDmOutcome(testCase, actor));
      });
    }
  }

  it("the table says what the product decided: a block takes sending (files too), typing and reacting, nothing else", () => {
    const refused = dmCases.filter((c) => expectedDmOutcome(c, "blocked") !== expectedDmOutcome(c, "partner")).map((c) => c.label);
    expect(refused).toEqual(["message.send", "attachment.createUpload", "typing.start", "reaction.add", "reaction.remove"]);
  });
});
