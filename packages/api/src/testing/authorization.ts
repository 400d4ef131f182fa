/**
 * The authorization matrix's cases, for every transport's test (createCaller, tRPC over HTTP,
 * REST, WebSocket): each procedure that acts on a server's objects, with the permission-table
 * action it is judged by and its input built from a fixture's ids. What each actor must get is
 * computed from the table itself (`expectedOutcome`), so the tests cannot drift from it.
 */
import { conversationPermissions } from "@chat/policy/conversations";
import { Permission } from "@chat/policy/permission-flags";
import { type Action, type Target, builtInStanding, permissions } from "@chat/policy/permissions";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";

import { toTRPCError } from "../errors";
import { appRouter } from "../root";

export type Role = "owner" | "admin" | "member";
/**
 * A stranger is signed in but not a member; an outsider owns another server. In the channel, two
 * more members: `overwritten` holds a role that a channel overwrite denies VIEW_CHANNEL, and
 * `readmitted` holds it too but a member overwrite allows them back.
 */
export type ActorName = Role | "stranger" | "outsider" | "anonymous" | "overwritten" | "readmitted";
export const actors: ActorName[] = ["owner", "admin", "member", "stranger", "outsider", "anonymous"];
/** The actors of the channel's overwrites, for the cases on a channel or its messages (`inChannel`). */
export const channelActors: ActorName[] = ["overwritten", "readmitted"];
export const roles: Role[] = ["owner", "admin", "member"];

/** Every actor a case is tried with. */
export const actorsOf = (testCase: AuthorizationCase): ActorName[] => (testCase.inChannel ? [...actors, ...channelActors] : actors);

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
  /** A channel category of the server. */
  categoryId: string;
  /** The member whom a member overwrite on the channel names (`readmitted`). */
  readmittedId: string;
}

export type ProcedureType = "query" | "mutation" | "subscription";

export interface AuthorizationCase {
  path: string;
  action: Action;
  /** Whose message a message action targets, or whose membership a member action targets. */
  target?: Role;
  type: ProcedureType;
  label: string;
  /** Whether it acts in the matrix's channel (on it or its messages): overwrites there apply. */
  inChannel: boolean;
  /**
   * What an allowed caller gets when the fixture cannot meet the procedure's precondition (the
   * channel is in no category): authorization is still tried, the rest is not.
   */
  whenAllowed?: Outcome;
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

const sampleIds: Ids = { serverId: "1", channelId: "1", messageId: "1", userId: "1", bannedId: "1", inviteCode: "x", roleId: "1", categoryId: "1", readmittedId: "1" };

function spec(path: string, action: Action, input: Input, target?: Role, whenAllowed?: Outcome): AuthorizationCase {
  const of = path.startsWith("member.") ? "membership" : "message";
  const keys = Object.keys(input(sampleIds));
  const inChannel = keys.includes("channelId") || keys.includes("messageId");
  return { path, action, target, input, inChannel, whenAllowed, type: procedureType(path), label: target ? `${path} (${target}'s ${of})` : path };
}

const perTarget = (path: string, action: Action, input: Input) => roles.map((target) => spec(path, action, input, target));
const server = (i: Ids) => ({ serverId: i.serverId });
const channel = (i: Ids) => ({ channelId: i.channelId });
const message = (i: Ids) => ({ messageId: i.messageId });
const member = (i: Ids) => ({ serverId: i.serverId, userId: i.userId });
const role = (i: Ids) => ({ serverId: i.serverId, roleId: i.roleId });
const category = (i: Ids) => ({ categoryId: i.categoryId });
const readmitted = (i: Ids) => ({ targetType: "member", targetId: i.readmittedId });
/** A file's details, as `attachment.createUpload` takes them. */
const upload = { filename: "matrix.txt", size: "5", contentType: "text/plain" };
/** The category with its server, as the category overwrite procedures take it. */
const serverCategory = (i: Ids) => ({ serverId: i.serverId, categoryId: i.categoryId });

export const authorizationCases: AuthorizationCase[] = [
  spec("server.get", "server.read", server),
  spec("server.update", "server.update", (i) => ({ ...server(i), name: "Renamed" })),
  spec("server.regenerateInvite", "server.regenerateInvite", server),
  spec("server.removeIcon", "server.setIcon", server),
  spec("server.delete", "server.delete", server),
  spec("server.leave", "server.leave", server),
  spec("server.setMuted", "server.read", (i) => ({ ...server(i), muted: true })),
  spec("server.setNotify", "server.read", (i) => ({ ...server(i), level: "all" })),
  spec("user.serverPrivacy", "server.read", server),
  spec("user.updateServerPrivacy", "server.read", (i) => ({ ...server(i), allowDms: false })),
  spec("member.list", "member.read", server),
  spec("member.updateRole", "member.updateRole", (i) => ({ ...member(i), role: "admin" })),
  spec("member.transferOwnership", "member.transferOwnership", member),
  ...perTarget("member.remove", "member.remove", member),
  ...perTarget("member.ban", "member.ban", (i) => ({ ...member(i), reason: "matrix" })),
  ...perTarget("member.timeout", "member.timeout", (i) => ({ ...member(i), durationSeconds: "60" })),
  ...perTarget("member.removeTimeout", "member.timeout", member),
  ...perTarget("member.setNickname", "member.setNickname", (i) => ({ ...member(i), nickname: "Matrix" })),
  spec("member.unban", "member.unban", (i) => ({ ...server(i), userId: i.bannedId })),
  spec("member.listBans", "ban.read", server),
  spec("invite.create", "invite.create", server),
  spec("invite.list", "invite.manage", server),
  spec("invite.revoke", "invite.manage", (i) => ({ ...server(i), code: i.inviteCode })),
  spec("audit.list", "audit.read", server),
  spec("emoji.list", "emoji.read", server),
  // The matrix server holds no emoji (they are uploaded through the web app's route): an allowed caller finds none.
  spec("emoji.rename", "emoji.manage", (i) => ({ ...server(i), emojiId: i.messageId, name: "matrix" }), undefined, "NOT_FOUND"),
  spec("emoji.delete", "emoji.manage", (i) => ({ ...server(i), emojiId: i.messageId }), undefined, "NOT_FOUND"),
  spec("presence.onEvent", "member.read", server),
  spec("presence.onChange", "member.read", server),
  spec("channel.list", "channel.read", server),
  spec("channel.get", "channel.read", channel),
  spec("channel.create", "channel.create", (i) => ({ ...server(i), name: "new-one" })),
  spec("channel.update", "channel.update", (i) => ({ ...channel(i), topic: "Topic" })),
  spec("channel.delete", "channel.delete", channel),
  spec("channel.setSlowmode", "channel.setSlowmode", (i) => ({ ...channel(i), seconds: "5" })),
  spec("channel.markRead", "channel.read", channel),
  spec("channel.setNotify", "channel.read", (i) => ({ ...channel(i), level: "nothing" })),
  spec("channel.move", "channel.move", (i) => ({ ...channel(i), categoryId: i.categoryId, position: "0" })),
  spec("category.list", "category.read", server),
  spec("category.create", "category.manage", (i) => ({ ...server(i), name: "New category" })),
  spec("category.update", "category.manage", (i) => ({ ...category(i), name: "Renamed" })),
  spec("category.move", "category.manage", (i) => ({ ...category(i), position: "0" })),
  spec("category.delete", "category.manage", category),
  spec("message.list", "message.read", channel),
  spec("message.get", "message.read", message),
  spec("message.send", "message.send", (i) => ({ ...channel(i), content: "hello" })),
  spec("attachment.createUpload", "attachment.create", (i) => ({ ...channel(i), ...upload })),
  spec("message.onEvent", "message.read", channel),
  spec("message.search", "message.read", (i) => ({ ...server(i), query: "by" })),
  spec("typing.start", "message.send", channel),
  spec("typing.onEvent", "message.read", channel),
  spec("typing.onChange", "message.read", channel),
  ...perTarget("message.edit", "message.edit", (i) => ({ ...message(i), content: "edited" })),
  ...perTarget("message.removeEmbeds", "message.removeEmbeds", message),
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
  spec("overwrite.list", "overwrite.manage", channel),
  spec("overwrite.set", "overwrite.manage", (i) => ({ ...channel(i), ...readmitted(i), allow: "1", deny: "2" })),
  spec("overwrite.delete", "overwrite.manage", (i) => ({ ...channel(i), ...readmitted(i) })),
  spec("channel.sync", "overwrite.manage", channel, undefined, "BAD_REQUEST"),
  spec("overwrite.listCategory", "overwrite.manage", serverCategory),
  spec("overwrite.setCategory", "overwrite.manage", (i) => ({ ...serverCategory(i), ...readmitted(i), allow: "1", deny: "0" })),
  spec("overwrite.deleteCategory", "overwrite.manage", (i) => ({ ...serverCategory(i), ...readmitted(i) })),
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
  // Between people, outside servers: packages/policy's relationships.ts decides, and people.test covers each rule.
  ...["user.profile", "user.updateProfile", "friend.list", "friend.request", "friend.accept", "friend.decline", "friend.cancel"],
  ...["friend.remove", "block.list", "block.add", "block.remove", "user.privacy", "user.updatePrivacy"],
  // One's own avatar (PUT /api/avatars/me sets it).
  "user.removeAvatar",
  // Starting DMs and groups, and adding to one: relationships decide (conversations.ts), conversations.test covers each rule;
  // what is done in a group is `conversationCases`'.
  ...["dm.open", "dm.list", "dm.search", "group.create", "group.addRecipient"],
  // One's own devices, outside servers: a subscription is its owner's alone (push.test covers who removes which).
  ...["push.publicKey", "push.subscribe", "push.unsubscribe"],
];

/** "ok", or the code of the error a call must fail with. */
export type Outcome = "ok" | TRPC_ERROR_CODE_KEY;

/** What the table says `actor` gets for `testCase`. */
export function expectedOutcome(testCase: AuthorizationCase, actor: ActorName): Outcome {
  if (actor === "anonymous") return "UNAUTHORIZED";
  // Nobody learns of a channel they cannot see: it is not found, as in another server.
  if (actor === "stranger" || actor === "outsider" || actor === "overwritten") return "NOT_FOUND";
  // Grants compare user ids only for equality, so one stand-in id per person decides the same way.
  const standIn = { owner: 1n, admin: 2n, member: 3n, readmitted: 4n };
  const target: Target | undefined = testCase.target ? { userId: standIn[testCase.target], ...builtInStanding(testCase.target) } : undefined;
  // Readmitted, a member sees the channel as any member does.
  const standing = builtInStanding(actor === "readmitted" ? "member" : actor);
  const refusal = permissions[testCase.action]({ userId: standIn[actor], ...standing }, target);
  return refusal ? toTRPCError(refusal).code : (testCase.whenAllowed ?? "ok");
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

/**
 * A server with the owner, an admin and a member, the stranger banned, an invite, a role, a
 * category (with a member overwrite for `readmitted`, for the cases that change or remove one), a
 * channel, and one message by each role; in the channel, a role's overwrite hides it from
 * `overwritten` and `readmitted`, and a member overwrite lets `readmitted` back in.
 */
export async function buildMatrixServer(act: Act, people: People): Promise<{ idsFor(testCase: AuthorizationCase): Ids }> {
  const created = (await act(people.owner.token, "server.create", { name: "Matrix" })) as { id: string; inviteCode: string };
  for (const role of ["admin", "member", "overwritten", "readmitted"] as const) {
    await act(people[role].token, "server.join", { inviteCode: created.inviteCode });
  }
  await act(people.owner.token, "member.updateRole", { serverId: created.id, userId: people.admin.id, role: "admin" });
  await act(people.owner.token, "member.ban", { serverId: created.id, userId: people.stranger.id });
  const invite = (await act(people.owner.token, "invite.create", { serverId: created.id })) as { code: string };
  const ownRole = (await act(people.owner.token, "role.create", { serverId: created.id, name: "Matrix role" })) as { id: string };
  const category = (await act(people.owner.token, "category.create", { serverId: created.id, name: "Matrix category" })) as { id: string };
  const [first] = (await act(people.owner.token, "channel.list", { serverId: created.id })) as Array<{ id: string }>;
  const view = String(Permission.VIEW_CHANNEL);
  const readmit = { targetType: "member", targetId: people.readmitted.id, allow: view, deny: "0" };
  await act(people.owner.token, "overwrite.setCategory", { serverId: created.id, categoryId: category.id, ...readmit });
  const hidden = (await act(people.owner.token, "role.create", { serverId: created.id, name: "Hidden" })) as { id: string };
  for (const person of [people.overwritten, people.readmitted]) {
    await act(people.owner.token, "member.addRole", { serverId: created.id, userId: person.id, roleId: hidden.id });
  }
  await act(people.owner.token, "overwrite.set", { channelId: first!.id, targetType: "role", targetId: hidden.id, allow: "0", deny: view });
  await act(people.owner.token, "overwrite.set", { channelId: first!.id, ...readmit });
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
      categoryId: category.id,
      readmittedId: people.readmitted.id,
    }),
  };
}

/** Another server's ids (the outsider's server, channel and message): every case must answer NOT_FOUND. */
export async function buildForeignIds(act: Act, outsider: Person): Promise<Ids> {
  const elsewhere = (await act(outsider.token, "server.create", { name: "Elsewhere" })) as { id: string };
  const [first] = (await act(outsider.token, "channel.list", { serverId: elsewhere.id })) as Array<{ id: string }>;
  const sent = (await act(outsider.token, "message.send", { channelId: first!.id, content: "not yours" })) as { id: string };
  const invite = (await act(outsider.token, "invite.create", { serverId: elsewhere.id })) as { code: string };
  const category = (await act(outsider.token, "category.create", { serverId: elsewhere.id, name: "Elsewhere" })) as { id: string };
  const ids = { serverId: elsewhere.id, channelId: first!.id, messageId: sent.id, userId: outsider.id, bannedId: outsider.id, readmittedId: outsider.id };
  // The @everyone role's id is its server's.
  return { ...ids, inviteCode: invite.code, roleId: elsewhere.id, categoryId: category.id };
}

/**
 * The conversation matrix: the procedures that work in a group DM, judged by the same table with
 * a participant's standing (packages/policy, conversations.ts). Its actors are the matrix's people
 * in other parts: the group's owner (`owner`), a participant (`member`), someone the owner removed
 * (`overwritten`), a stranger to it, and nobody signed in.
 */
export type ConversationActor = "groupOwner" | "participant" | "removed" | "stranger" | "anonymous";
export const conversationActors: ConversationActor[] = ["groupOwner", "participant", "removed", "stranger", "anonymous"];
const castOf = { groupOwner: "owner", participant: "member", removed: "overwritten", stranger: "stranger" } as const;
type Participant = "groupOwner" | "participant";

export function conversationToken(people: People, actor: ConversationActor): string | undefined {
  return actor === "anonymous" ? undefined : people[castOf[actor]].token;
}

export interface ConversationIds {
  channelId: string;
  messageId: string;
  userId: string;
}

export interface ConversationCase {
  path: string;
  action: Action;
  /** Whose message (or, removing someone, whom) the case acts on. */
  target?: Participant;
  type: ProcedureType;
  label: string;
  input(ids: ConversationIds): Record<string, string | boolean>;
}

function conversationSpec(path: string, action: Action, input: ConversationCase["input"], target?: Participant): ConversationCase {
  const of = path.startsWith("group.") ? "place" : "message";
  return { path, action, target, input, type: procedureType(path), label: target ? `${path} (${target}'s ${of})` : path };
}
const perParticipant = (path: string, action: Action, input: ConversationCase["input"]) =>
  (["groupOwner", "participant"] as const).map((target) => conversationSpec(path, action, input, target));
const inGroup = (i: ConversationIds) => ({ channelId: i.channelId });
const groupMessage = (i: ConversationIds) => ({ messageId: i.messageId });

export const conversationCases: ConversationCase[] = [
  conversationSpec("message.list", "message.read", inGroup),
  conversationSpec("message.get", "message.read", groupMessage),
  conversationSpec("message.send", "message.send", (i) => ({ ...inGroup(i), content: "hello" })),
  conversationSpec("attachment.createUpload", "attachment.create", (i) => ({ ...inGroup(i), ...upload })),
  conversationSpec("message.onEvent", "message.read", inGroup),
  conversationSpec("typing.start", "message.send", inGroup),
  conversationSpec("typing.onEvent", "message.read", inGroup),
  conversationSpec("channel.markRead", "channel.read", inGroup),
  conversationSpec("dm.setMuted", "channel.read", (i) => ({ ...inGroup(i), muted: true })),
  ...perParticipant("message.edit", "message.edit", (i) => ({ ...groupMessage(i), content: "edited" })),
  ...perParticipant("message.removeEmbeds", "message.removeEmbeds", groupMessage),
  ...perParticipant("message.delete", "message.delete", groupMessage),
  conversationSpec("reaction.add", "message.react", (i) => ({ ...groupMessage(i), emoji: "👍" })),
  conversationSpec("reaction.remove", "message.react", (i) => ({ ...groupMessage(i), emoji: "👍" })),
  conversationSpec("group.rename", "group.update", (i) => ({ ...inGroup(i), name: "Renamed" })),
  conversationSpec("group.leave", "group.update", inGroup),
  ...perParticipant("group.removeRecipient", "group.removeRecipient", (i) => ({ ...inGroup(i), userId: i.userId })),
];

/** What the table says `actor` gets for `testCase` in the group: those not in it learn nothing of it. */
export function expectedConversationOutcome(testCase: ConversationCase, actor: ConversationActor): Outcome {
  if (actor === "anonymous") return "UNAUTHORIZED";
  if (actor === "removed" || actor === "stranger") return "NOT_FOUND";
  const standIn = { groupOwner: 1n, participant: 2n };
  const standing = (who: Participant) => ({ userId: standIn[who], owner: who === "groupOwner", rank: 0 });
  const target = testCase.target ? standing(testCase.target) : undefined;
  const refusal = permissions[testCase.action]({ ...standing(actor), permissions: conversationPermissions({ blocked: false }) }, target);
  return refusal ? toTRPCError(refusal).code : "ok";
}

export function needsOwnGroup(testCase: ConversationCase, actor: ConversationActor): boolean {
  return testCase.type === "mutation" && expectedConversationOutcome(testCase, actor) === "ok";
}

/** The owner befriends the participant and the one to be removed, once: groups are made of friends. */
export async function befriendGroupCast(act: Act, people: People): Promise<void> {
  for (const friend of [people.member, people.overwritten]) {
    await act(people.owner.token, "friend.request", { username: await usernameOf(act, friend) });
    await act(friend.token, "friend.accept", { userId: people.owner.id });
  }
}

async function usernameOf(act: Act, person: Person): Promise<string> {
  return ((await act(person.token, "auth.me", undefined)) as { username: string }).username;
}

/** A group of the owner's with the participant, and one more whom the owner removed; a message by each participant. */
export async function buildMatrixGroup(act: Act, people: People): Promise<{ idsFor(testCase: ConversationCase): ConversationIds }> {
  const group = (await act(people.owner.token, "group.create", { userIds: [people.member.id, people.overwritten.id] })) as { id: string };
  await act(people.owner.token, "group.removeRecipient", { channelId: group.id, userId: people.overwritten.id });
  const messageBy = {} as Record<Participant, string>;
  for (const who of ["groupOwner", "participant"] as const) {
    const sent = (await act(people[castOf[who]].token, "message.send", { channelId: group.id, content: `by ${who}` })) as { id: string };
    messageBy[who] = sent.id;
  }
  return {
    idsFor: (testCase) => ({
      channelId: group.id,
      messageId: messageBy[testCase.target ?? "participant"],
      userId: people[castOf[testCase.target ?? "participant"]].id,
    }),
  };
}

/** Another group's ids (the outsider's, with the admin): every case must answer NOT_FOUND to the matrix group's owner. */
export async function buildForeignGroupIds(act: Act, people: People): Promise<ConversationIds> {
  await act(people.outsider.token, "friend.request", { username: await usernameOf(act, people.admin) });
  await act(people.admin.token, "friend.accept", { userId: people.outsider.id });
  const group = (await act(people.outsider.token, "group.create", { userIds: [people.admin.id] })) as { id: string };
  const sent = (await act(people.outsider.token, "message.send", { channelId: group.id, content: "not yours" })) as { id: string };
  return { channelId: group.id, messageId: sent.id, userId: people.admin.id };
}

/**
 * The DM matrix: the same cases but a group's own, in a 1:1 DM, for its partner, for someone a
 * block shut out of theirs (the owner, whom `overwritten` blocked after they talked: their DM stays
 * readable and takes nothing new), a stranger, and nobody signed in. Each actor acts in their own DM.
 */
export type DmActor = "partner" | "blocked" | "stranger" | "anonymous";
export const dmActors: DmActor[] = ["partner", "blocked", "stranger", "anonymous"];
export const dmCases = conversationCases.filter((testCase) => !testCase.path.startsWith("group."));
const dmCastOf = { partner: "member", blocked: "owner", stranger: "stranger" } as const;

export function dmToken(people: People, actor: DmActor): string | undefined {
  return actor === "anonymous" ? undefined : people[dmCastOf[actor]].token;
}

export function expectedDmOutcome(testCase: ConversationCase, actor: DmActor): Outcome {
  if (actor === "anonymous") return "UNAUTHORIZED";
  if (actor === "stranger") return "NOT_FOUND";
  // The actor is the case's "participant"; the other side of their DM stands as "groupOwner" does in a group.
  const self = { userId: 2n, owner: false, rank: 0 };
  const target = testCase.target ? { userId: testCase.target === "participant" ? 2n : 1n, owner: false, rank: 0 } : undefined;
  const refusal = permissions[testCase.action]({ ...self, permissions: conversationPermissions({ blocked: actor === "blocked" }) }, target);
  return refusal ? toTRPCError(refusal).code : "ok";
}

/**
 * A DM is one per pair, so its cells share it: only an allowed deletion (the message would be gone
 * for later cells) gets fresh messages. Rebuilding for every allowed mutation would send into the
 * same channel past its rate limit over HTTP.
 */
export function needsOwnDm(testCase: ConversationCase, actor: DmActor): boolean {
  return testCase.path === "message.delete" && expectedDmOutcome(testCase, actor) === "ok";
}

/**
 * Two DMs of the owner's, a message by each side in each: with the member (no block), and with
 * `overwritten`, who then blocked the owner. A DM is one per pair, so each build first clears
 * the block and sends again: the same two DMs, with fresh messages.
 */
export async function buildMatrixDms(act: Act, people: People): Promise<{ idsFor(testCase: ConversationCase, actor: DmActor): ConversationIds }> {
  await act(people.overwritten.token, "block.remove", { userId: people.owner.id }).catch(() => undefined);
  const dmWith = async (other: Person) => {
    const dm = (await act(people.owner.token, "dm.open", { userId: other.id })) as { id: string };
    const mine = (await act(other.token, "message.send", { channelId: dm.id, content: "by the actor's side" })) as { id: string };
    const theirs = (await act(people.owner.token, "message.send", { channelId: dm.id, content: "by the owner" })) as { id: string };
    return { id: dm.id, mine: mine.id, theirs: theirs.id };
  };
  const open = await dmWith(people.member);
  const shut = await dmWith(people.overwritten);
  // In the blocked DM the actor is the owner: "their own" message is the owner's.
  await act(people.overwritten.token, "block.add", { userId: people.owner.id });
  return {
    idsFor: (testCase, actor) => {
      const dm = actor === "blocked" ? { id: shut.id, own: shut.theirs, other: shut.mine, otherId: people.overwritten.id } : { id: open.id, own: open.mine, other: open.theirs, otherId: people.owner.id };
      return { channelId: dm.id, messageId: testCase.target === "groupOwner" ? dm.other : dm.own, userId: dm.otherId };
    },
  };
}
