/**
 * The authorization matrix's cases, for every transport's test (createCaller, tRPC over HTTP,
 * REST, WebSocket): each procedure that acts on a server's objects, with the permission-table
 * action it is judged by and its input built from a fixture's ids. What each actor must get is
 * computed from the table itself (`expectedOutcome`), so the tests cannot drift from it.
 */
import { type Action, type Target, builtInStanding, permissions } from "@chat/policy/permissions";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";

import { toTRPCError } from "../errors";
import { appRouter } from "../root";

export type Role = "owner" | "admin" | "member";
/** A stranger is signed in but not a member; an outsider owns another server. */
export type ActorName = Role | "stranger" | "outsider" | "anonymous";
export const actors: ActorName[] = ["owner", "admin", "member", "stranger", "outsider", "anonymous"];
export const roles: Role[] = ["owner", "admin", "member"];

/** The ids a call is aimed at; the IDOR check swaps in another server's. */
export interface Ids {
  serverId: string;
  channelId: string;
  messageId: string;
  /** A user inside the server to act on: the target's, else the plain member's. */
  userId: string;
  /** A user banned from the server (the stranger), and one of the server's invites. */
  bannedId: string;
  inviteCode: string;
  /** A role of the server's own, below Admin. */
  roleId: string;
}

export type ProcedureType = "query" | "mutation" | "subscription";

export interface AuthorizationCase {
  path: string;
  action: Action;
  /** Whose message a message action targets, or whose membership a member action targets. */
  target?: Role;
  type: ProcedureType;
  label: string;
  input(ids: Ids): Record<string, string | boolean>;
}

type Input = (ids: Ids) => Record<string, string | boolean>;
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: ProcedureType } }>;

/** Whether `path` is a query, a mutation or a subscription: transports call each differently. */
export function procedureType(path: string): ProcedureType {
  const procedure = procedures[path];
  if (!procedure) throw new Error(`no procedure ${path}`);
  return procedure._def.type;
}

function spec(path: string, action: Action, input: Input, target?: Role): AuthorizationCase {
  const of = path.startsWith("member.") ? "membership" : "message";
  return { path, action, target, input, type: procedureType(path), label: target ? `${path} (${target}'s ${of})` : path };
}

const perTarget = (path: string, action: Action, input: Input) => roles.map((target) => spec(path, action, input, target));
const server = (i: Ids) => ({ serverId: i.serverId });
const channel = (i: Ids) => ({ channelId: i.channelId });
const message = (i: Ids) => ({ messageId: i.messageId });
const member = (i: Ids) => ({ serverId: i.serverId, userId: i.userId });
const role = (i: Ids) => ({ serverId: i.serverId, roleId: i.roleId });

export const authorizationCases: AuthorizationCase[] = [
  spec("server.get", "server.read", server),
  spec("server.update", "server.update", (i) => ({ ...server(i), name: "Renamed" })),
  spec("server.regenerateInvite", "server.regenerateInvite", server),
  spec("server.delete", "server.delete", server),
  spec("server.leave", "server.leave", server),
  spec("server.setMuted", "server.read", (i) => ({ ...server(i), muted: true })),
  spec("member.list", "member.read", server),
  spec("member.updateRole", "member.updateRole", (i) => ({ ...member(i), role: "admin" })),
  spec("member.transferOwnership", "member.transferOwnership", member),
  ...perTarget("member.remove", "member.remove", member),
  ...perTarget("member.ban", "member.ban", (i) => ({ ...member(i), reason: "matrix" })),
  ...perTarget("member.timeout", "member.timeout", (i) => ({ ...member(i), durationSeconds: "60" })),
  ...perTarget("member.removeTimeout", "member.timeout", member),
  spec("member.unban", "member.unban", (i) => ({ ...server(i), userId: i.bannedId })),
  spec("member.listBans", "ban.read", server),
  spec("invite.create", "invite.create", server),
  spec("invite.list", "invite.manage", server),
  spec("invite.revoke", "invite.manage", (i) => ({ ...server(i), code: i.inviteCode })),
  spec("audit.list", "audit.read", server),
  spec("presence.onEvent", "member.read", server),
  spec("presence.onChange", "member.read", server),
  spec("channel.list", "channel.read", server),
  spec("channel.get", "channel.read", channel),
  spec("channel.create", "channel.create", (i) => ({ ...server(i), name: "new-one" })),
  spec("channel.update", "channel.update", (i) => ({ ...channel(i), topic: "Topic" })),
  spec("channel.delete", "channel.delete", channel),
  spec("channel.setSlowmode", "channel.setSlowmode", (i) => ({ ...channel(i), seconds: "5" })),
  spec("channel.markRead", "channel.read", channel),
  spec("message.list", "message.read", channel),
  spec("message.get", "message.read", message),
  spec("message.send", "message.send", (i) => ({ ...channel(i), content: "hello" })),
  spec("message.onEvent", "message.read", channel),
  spec("message.search", "message.read", (i) => ({ ...server(i), query: "by" })),
  spec("typing.start", "message.send", channel),
  spec("typing.onEvent", "message.read", channel),
  spec("typing.onChange", "message.read", channel),
  ...perTarget("message.edit", "message.edit", (i) => ({ ...message(i), content: "edited" })),
  ...perTarget("message.delete", "message.delete", message),
  spec("reaction.add", "message.react", (i) => ({ ...message(i), emoji: "👍" })),
  spec("reaction.remove", "message.react", (i) => ({ ...message(i), emoji: "👍" })),
  spec("message.pin", "message.pin", message),
  spec("message.unpin", "message.pin", message),
  spec("message.pins", "message.read", channel),
  spec("role.list", "role.read", server),
  spec("role.create", "role.manage", (i) => ({ ...server(i), name: "New role" })),
  spec("role.update", "role.manage", (i) => ({ ...role(i), name: "Renamed" })),
  spec("role.move", "role.manage", (i) => ({ ...role(i), position: "1" })),
  spec("role.delete", "role.manage", role),
  spec("member.addRole", "member.assignRole", (i) => ({ ...member(i), roleId: i.roleId })),
  spec("member.removeRole", "member.assignRole", (i) => ({ ...member(i), roleId: i.roleId })),
];

/**
 * Actions that refuse no call: they change what a procedure does (from a member, `@everyone`
 * stays plain text). No case exercises them; procedure tests do, and the decided table lists them.
 */
export const capabilities: Action[] = ["message.mentionEveryone", "message.skipSlowmode"];

/** Procedures that act on no server's objects: the caller's own account and server list. */
export const outsideTheMatrix = [
  ...["auth.signup", "auth.login", "auth.verifyTwoFactor", "auth.me", "auth.changePassword", "auth.logout"],
  ...["server.create", "server.list", "server.join", "invite.preview", "account.onEvent", "user.onEvent"],
  ...["status.get", "status.set", "session.list", "session.revoke", "session.revokeOthers", "session.securityLog"],
  ...["twoFactor.status", "twoFactor.enroll", "twoFactor.confirm", "twoFactor.disable", "twoFactor.regenerateRecoveryCodes"],
];

/** "ok", or the code of the error a call must fail with. */
export type Outcome = "ok" | TRPC_ERROR_CODE_KEY;

/** What the table says `actor` gets for `testCase`. */
export function expectedOutcome(testCase: AuthorizationCase, actor: ActorName): Outcome {
  if (actor === "anonymous") return "UNAUTHORIZED";
  if (actor === "stranger" || actor === "outsider") return "NOT_FOUND";
  // Grants compare user ids only for equality, so one stand-in id per role decides the same way.
  const standIn = { owner: 1n, admin: 2n, member: 3n };
  const target: Target | undefined = testCase.target ? { userId: standIn[testCase.target], ...builtInStanding(testCase.target) } : undefined;
  const refusal = permissions[testCase.action]({ userId: standIn[actor], ...builtInStanding(actor) }, target);
  return refusal ? toTRPCError(refusal).code : "ok";
}

/** The HTTP status of an outcome, as tRPC maps codes (200 for "ok"). */
export function statusOf(outcome: Outcome): number {
  return outcome === "ok" ? 200 : getHTTPStatusCodeFromError(new TRPCError({ code: outcome }));
}

/** A cell that would change what later cells see (an allowed mutation) needs a fixture of its own. */
export function needsOwnFixture(testCase: AuthorizationCase, actor: ActorName): boolean {
  return testCase.type === "mutation" && expectedOutcome(testCase, actor) === "ok";
}

/** Calls `path` with `input` as the holder of `token` and answers the data, through any transport. */
export type Act = (token: string, path: string, input?: unknown) => Promise<unknown>;

export interface Person {
  id: string;
  token: string;
}
export type People = Record<Exclude<ActorName, "anonymous">, Person>;

/** A server with the owner, an admin and a member, the stranger banned, an invite, a role, a channel, and one message by each role. */
export async function buildMatrixServer(act: Act, people: People): Promise<{ idsFor(testCase: AuthorizationCase): Ids }> {
  const created = (await act(people.owner.token, "server.create", { name: "Matrix" })) as { id: string; inviteCode: string };
  for (const role of ["admin", "member"] as const) await act(people[role].token, "server.join", { inviteCode: created.inviteCode });
  await act(people.owner.token, "member.updateRole", { serverId: created.id, userId: people.admin.id, role: "admin" });
  await act(people.owner.token, "member.ban", { serverId: created.id, userId: people.stranger.id });
  const invite = (await act(people.owner.token, "invite.create", { serverId: created.id })) as { code: string };
  const ownRole = (await act(people.owner.token, "role.create", { serverId: created.id, name: "Matrix role" })) as { id: string };
  const [first] = (await act(people.owner.token, "channel.list", { serverId: created.id })) as Array<{ id: string }>;
  const messageBy = {} as Record<Role, string>;
  for (const role of roles) {
    const sent = (await act(people[role].token, "message.send", { channelId: first!.id, content: `by ${role}` })) as { id: string };
    messageBy[role] = sent.id;
  }
  return {
    idsFor: (testCase) => ({
      serverId: created.id,
      channelId: first!.id,
      messageId: messageBy[testCase.target ?? "member"],
      userId: people[testCase.target ?? "member"].id,
      bannedId: people.stranger.id,
      inviteCode: invite.code,
      roleId: ownRole.id,
    }),
  };
}

/** Another server's ids (the outsider's server, channel and message): every case must answer NOT_FOUND. */
export async function buildForeignIds(act: Act, outsider: Person): Promise<Ids> {
  const elsewhere = (await act(outsider.token, "server.create", { name: "Elsewhere" })) as { id: string };
  const [first] = (await act(outsider.token, "channel.list", { serverId: elsewhere.id })) as Array<{ id: string }>;
  const sent = (await act(outsider.token, "message.send", { channelId: first!.id, content: "not yours" })) as { id: string };
  const invite = (await act(outsider.token, "invite.create", { serverId: elsewhere.id })) as { code: string };
  const ids = { serverId: elsewhere.id, channelId: first!.id, messageId: sent.id, userId: outsider.id, bannedId: outsider.id };
  // The @everyone role's id is its server's.
  return { ...ids, inviteCode: invite.code, roleId: elsewhere.id };
}
