/**
 * The authorization matrix, generated from the permission table: every procedure that acts on a
 * server's objects × every actor, each cell asserting success or the exact refusal the table gives.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { appRouter, permissions, type Action } from "../src";
import type { Target } from "../src/permissions";
import { type Caller, createHarness, type Harness } from "./harness";

type Role = "owner" | "admin" | "member";
type ActorName = Role | "stranger" | "anonymous";
const actors: ActorName[] = ["owner", "admin", "member", "stranger", "anonymous"];

/** The ids a call is aimed at; the IDOR check swaps in another server's. */
interface Ids {
  serverId: string;
  channelId: string;
  messageId: string;
  /** A user id inside the server to act on: the target's, else the plain member's. */
  userId: string;
  /** A user banned from the server, and one of its invites. */
  bannedId: string;
  inviteCode: string;
}

interface Case {
  path: string;
  action: Action;
  /** Whose message a message action targets, or whose membership a member action targets. */
  target?: Role;
  run(caller: Caller, ids: Ids): Promise<unknown>;
}

const cases: Case[] = [
  { path: "server.get", action: "server.read", run: (c, i) => c.server.get({ serverId: i.serverId }) },
  { path: "server.update", action: "server.update", run: (c, i) => c.server.update({ serverId: i.serverId, name: "Renamed" }) },
  { path: "server.regenerateInvite", action: "server.regenerateInvite", run: (c, i) => c.server.regenerateInvite({ serverId: i.serverId }) },
  { path: "server.delete", action: "server.delete", run: (c, i) => c.server.delete({ serverId: i.serverId }) },
  { path: "server.leave", action: "server.leave", run: (c, i) => c.server.leave({ serverId: i.serverId }) },
  { path: "member.list", action: "member.read", run: (c, i) => c.member.list({ serverId: i.serverId }) },
  {
    path: "member.updateRole",
    action: "member.updateRole",
    run: (c, i) => c.member.updateRole({ serverId: i.serverId, userId: i.userId, role: "admin" }),
  },
  {
    path: "member.transferOwnership",
    action: "member.transferOwnership",
    run: (c, i) => c.member.transferOwnership({ serverId: i.serverId, userId: i.userId }),
  },
  ...(["owner", "admin", "member"] as const).map(
    (target): Case => ({
      path: "member.remove",
      action: "member.remove",
      target,
      run: (c, i) => c.member.remove({ serverId: i.serverId, userId: i.userId }),
    }),
  ),
  ...(["owner", "admin", "member"] as const).map(
    (target): Case => ({
      path: "member.ban",
      action: "member.ban",
      target,
      run: (c, i) => c.member.ban({ serverId: i.serverId, userId: i.userId, reason: "matrix" }),
    }),
  ),
  { path: "member.unban", action: "member.unban", run: (c, i) => c.member.unban({ serverId: i.serverId, userId: i.bannedId }) },
  { path: "member.listBans", action: "ban.read", run: (c, i) => c.member.listBans({ serverId: i.serverId }) },
  { path: "invite.create", action: "invite.manage", run: (c, i) => c.invite.create({ serverId: i.serverId, maxUses: 5 }) },
  { path: "invite.list", action: "invite.manage", run: (c, i) => c.invite.list({ serverId: i.serverId }) },
  { path: "invite.revoke", action: "invite.manage", run: (c, i) => c.invite.revoke({ serverId: i.serverId, code: i.inviteCode }) },
  { path: "audit.list", action: "audit.read", run: (c, i) => c.audit.list({ serverId: i.serverId }) },
  { path: "presence.onChange", action: "member.read", run: (c, i) => c.presence.onChange({ serverId: i.serverId }) },
  { path: "channel.list", action: "channel.read", run: (c, i) => c.channel.list({ serverId: i.serverId }) },
  { path: "channel.get", action: "channel.read", run: (c, i) => c.channel.get({ channelId: i.channelId }) },
  { path: "channel.create", action: "channel.create", run: (c, i) => c.channel.create({ serverId: i.serverId, name: "new-one" }) },
  { path: "channel.update", action: "channel.update", run: (c, i) => c.channel.update({ channelId: i.channelId, topic: "Topic" }) },
  { path: "channel.delete", action: "channel.delete", run: (c, i) => c.channel.delete({ channelId: i.channelId }) },
  { path: "message.list", action: "message.read", run: (c, i) => c.message.list({ channelId: i.channelId }) },
  { path: "message.get", action: "message.read", run: (c, i) => c.message.get({ messageId: i.messageId }) },
  { path: "message.send", action: "message.send", run: (c, i) => c.message.send({ channelId: i.channelId, content: "hello" }) },
  { path: "message.onEvent", action: "message.read", run: (c, i) => c.message.onEvent({ channelId: i.channelId }) },
  { path: "typing.start", action: "message.send", run: (c, i) => c.typing.start({ channelId: i.channelId }) },
  { path: "typing.onChange", action: "message.read", run: (c, i) => c.typing.onChange({ channelId: i.channelId }) },
  ...(["owner", "admin", "member"] as const).map(
    (target): Case => ({
      path: "message.edit",
      action: "message.edit",
      target,
      run: (c, i) => c.message.edit({ messageId: i.messageId, content: "edited" }),
    }),
  ),
  ...(["owner", "admin", "member"] as const).map(
    (target): Case => ({
      path: "message.delete",
      action: "message.delete",
      target,
      run: (c, i) => c.message.delete({ messageId: i.messageId }),
    }),
  ),
];

/** Procedures that act on no server's objects: the caller's own account and server list. */
const outsideTheMatrix = [
  ...["auth.signup", "auth.login", "auth.verifyTwoFactor", "auth.me", "auth.changePassword", "auth.logout"],
  ...["server.create", "server.list", "server.join", "invite.preview", "account.onEvent"],
  ...["status.get", "status.set", "session.list", "session.revoke", "session.revokeOthers"],
  ...["twoFactor.status", "twoFactor.enroll", "twoFactor.confirm", "twoFactor.disable", "twoFactor.regenerateRecoveryCodes"],
];

let h: Harness;
let people: Record<Exclude<ActorName, "anonymous">, { caller: Caller; id: string }>;
let banned: { caller: Caller; id: string };
let anonymous: Caller;
let foreign: Ids;

/** A fresh server with an owner, an admin, a member, a banned user, an invite, a channel and one message by each role. */
async function buildServer() {
  const server = await people.owner.caller.server.create({ name: "Matrix" });
  await people.admin.caller.server.join({ inviteCode: server.inviteCode });
  await people.member.caller.server.join({ inviteCode: server.inviteCode });
  await people.owner.caller.member.updateRole({ serverId: server.id, userId: people.admin.id, role: "admin" });
  await people.owner.caller.member.ban({ serverId: server.id, userId: banned.id });
  const invite = await people.owner.caller.invite.create({ serverId: server.id });
  const [channel] = await people.owner.caller.channel.list({ serverId: server.id });
  const messageBy = {} as Record<Role, string>;
  for (const role of ["owner", "admin", "member"] as const) {
    messageBy[role] = (await people[role].caller.message.send({ channelId: channel!.id, content: `by ${role}` })).id;
  }
  return { serverId: server.id, channelId: channel!.id, messageBy, inviteCode: invite.code };
}

beforeAll(async () => {
  h = await createHarness();
  const [owner, admin, member, stranger, outsider, troll] = await Promise.all(
    ["owner", "admin", "member", "stranger", "outsider", "troll"].map((name) => h.user(name)),
  );
  people = { owner: owner!, admin: admin!, member: member!, stranger: stranger! };
  banned = troll!;
  anonymous = await h.caller();
  const elsewhere = await outsider!.caller.server.create({ name: "Elsewhere" });
  const [channel] = await outsider!.caller.channel.list({ serverId: elsewhere.id });
  const message = await outsider!.caller.message.send({ channelId: channel!.id, content: "not yours" });
  await outsider!.caller.member.ban({ serverId: elsewhere.id, userId: troll!.id });
  const invite = await outsider!.caller.invite.create({ serverId: elsewhere.id });
  foreign = {
    serverId: elsewhere.id,
    channelId: channel!.id,
    messageId: message.id,
    userId: outsider!.id,
    bannedId: troll!.id,
    inviteCode: invite.code,
  };
});
afterAll(() => h.close());

function labelOf(testCase: Case): string {
  if (!testCase.target) return testCase.path;
  return `${testCase.path} (${testCase.target}'s ${testCase.path.startsWith("member.") ? "membership" : "message"})`;
}

/** What the table says `actor` gets for `testCase`: "ok" or the error code. */
function expected(testCase: Case, actor: ActorName): string {
  if (actor === "anonymous") return "UNAUTHORIZED";
  if (actor === "stranger") return "NOT_FOUND";
  // Grants compare user ids only for equality, so one stand-in id per role decides the same way.
  const standIn = { owner: 1n, admin: 2n, member: 3n };
  const target: Target | undefined = testCase.target ? { userId: standIn[testCase.target], role: testCase.target } : undefined;
  const refusal = permissions[testCase.action][actor]({ userId: standIn[actor], role: actor }, target);
  return refusal instanceof TRPCError ? refusal.code : "ok";
}

async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "ok";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe("authorization matrix", () => {
  for (const testCase of cases) {
    for (const actor of actors) {
      const label = `${labelOf(testCase)} as ${actor}`;
      it(`${label} → ${expected(testCase, actor)}`, async () => {
        const server = await buildServer();
        const ids: Ids = {
          serverId: server.serverId,
          channelId: server.channelId,
          messageId: server.messageBy[testCase.target ?? "member"],
          userId: people[testCase.target ?? "member"].id,
          bannedId: banned.id,
          inviteCode: server.inviteCode,
        };
        const caller = actor === "anonymous" ? anonymous : people[actor].caller;
        expect(await outcome(testCase.run(caller, ids))).toBe(expected(testCase, actor));
      });
    }
  }

  it("the table says what the product decided", () => {
    // Owner, admin, member — written out by hand, so a slip in the table cannot pass unnoticed.
    const decided: Record<string, [string, string, string]> = {
      "server.get": ["ok", "ok", "ok"],
      "server.update": ["ok", "ok", "FORBIDDEN"],
      "server.regenerateInvite": ["ok", "ok", "FORBIDDEN"],
      "server.delete": ["ok", "FORBIDDEN", "FORBIDDEN"],
      "server.leave": ["BAD_REQUEST", "ok", "ok"],
      "member.list": ["ok", "ok", "ok"],
      "member.updateRole": ["ok", "FORBIDDEN", "FORBIDDEN"],
      "member.transferOwnership": ["ok", "FORBIDDEN", "FORBIDDEN"],
      "member.remove (owner's membership)": ["BAD_REQUEST", "FORBIDDEN", "FORBIDDEN"],
      "member.remove (admin's membership)": ["ok", "FORBIDDEN", "FORBIDDEN"],
      "member.remove (member's membership)": ["ok", "ok", "FORBIDDEN"],
      "member.ban (owner's membership)": ["BAD_REQUEST", "FORBIDDEN", "FORBIDDEN"],
      "member.ban (admin's membership)": ["ok", "BAD_REQUEST", "FORBIDDEN"],
      "member.ban (member's membership)": ["ok", "ok", "FORBIDDEN"],
      "member.unban": ["ok", "ok", "FORBIDDEN"],
      "member.listBans": ["ok", "ok", "FORBIDDEN"],
      "invite.create": ["ok", "ok", "FORBIDDEN"],
      "invite.list": ["ok", "ok", "FORBIDDEN"],
      "invite.revoke": ["ok", "ok", "FORBIDDEN"],
      "audit.list": ["ok", "ok", "FORBIDDEN"],
      "presence.onChange": ["ok", "ok", "ok"],
      "channel.list": ["ok", "ok", "ok"],
      "channel.get": ["ok", "ok", "ok"],
      "channel.create": ["ok", "ok", "FORBIDDEN"],
      "channel.update": ["ok", "ok", "FORBIDDEN"],
      "channel.delete": ["ok", "ok", "FORBIDDEN"],
      "message.list": ["ok", "ok", "ok"],
      "message.get": ["ok", "ok", "ok"],
      "message.send": ["ok", "ok", "ok"],
      "message.onEvent": ["ok", "ok", "ok"],
      "typing.start": ["ok", "ok", "ok"],
      "typing.onChange": ["ok", "ok", "ok"],
      "message.edit (owner's message)": ["ok", "FORBIDDEN", "FORBIDDEN"],
      "message.edit (admin's message)": ["FORBIDDEN", "ok", "FORBIDDEN"],
      "message.edit (member's message)": ["FORBIDDEN", "FORBIDDEN", "ok"],
      "message.delete (owner's message)": ["ok", "FORBIDDEN", "FORBIDDEN"],
      "message.delete (admin's message)": ["ok", "ok", "FORBIDDEN"],
      "message.delete (member's message)": ["ok", "ok", "ok"],
    };
    const fromTable = Object.fromEntries(
      cases.map((c) => [
        labelOf(c),
        (["owner", "admin", "member"] as const).map((role) => expected(c, role)),
      ]),
    );
    expect(fromTable).toEqual(decided);
  });

  it("every allowed and every refused cell is exercised by some case", () => {
    const cells = new Set(cases.flatMap((c) => actors.map((a) => expected(c, a) === "ok")));
    expect(cells).toEqual(new Set([true, false]));
    for (const action of Object.keys(permissions) as Action[]) {
      expect(cases.some((c) => c.action === action), `no case for ${action}`).toBe(true);
    }
  });

  it("covers every procedure of the router (add new ones to the matrix)", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    const covered = new Set([...cases.map((c) => c.path), ...outsideTheMatrix]);
    expect(procedures.filter((path) => !covered.has(path))).toEqual([]);
  });
});

describe("ids from another server never work (IDOR)", () => {
  for (const testCase of cases) {
    it(`${testCase.path} with another server's ids → NOT_FOUND for this server's owner`, async () => {
      await buildServer();
      expect(await outcome(testCase.run(people.owner.caller, foreign))).toBe("NOT_FOUND");
    });
  }
});
