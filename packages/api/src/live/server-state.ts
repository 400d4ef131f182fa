import {
  type Channel,
  type Database,
  type RoleRow,
  asc,
  categories,
  channels,
  inArray,
  memberRoles,
  permissionOverwrites,
  roles,
  serverMembers,
} from "@chat/db";
import { type Overwrite, applicableOverwrites, basePermissions, channelPermissions } from "@chat/policy/compute-permissions";
import { Permission } from "@chat/policy/permission-flags";
import { isAllowed } from "@chat/policy/permissions";
import type { EventBus } from "@chat/realtime";
import type { Role } from "@chat/validators";

import { type CategoryDto, type CategoryRow, toCategory } from "../categories/dto";
import { type ChannelDto, toChannel } from "../channels/dto";
import type { Membership } from "../members/membership";
import { type Receiver, listen } from "./listen";
import { type Signal, topics } from "./signals";

/*
 * What a server's live streams decide visibility from: its roles, its members' roles, its
 * channels, categories and overwrites, read once per process and shared by every subscription of
 * the server (message and typing streams of its channels, its members' `user.onEvent`). One
 * listener per server marks it stale on the signals that follow a change (the server's `access`,
 * its activity but messages); the next reader reloads it, once for all. Deciding a delivery then
 * reads no database.
 */

interface MemberEntry {
  userId: bigint;
  role: Role;
  timedOutUntil: Date | null;
  roleIds: bigint[];
}

type ChannelEntry = Channel & { serverId: bigint };

/** What each member sees, computed on first use and kept as long as the state is current. */
export interface Sight {
  channels: Map<string, ChannelDto>;
  categories: Map<string, CategoryDto>;
}

/** One server as of one read: answers permission questions in memory, as `loadChannelAccess` and `canView` do in SQL. */
export class ServerState {
  private readonly everyone: RoleRow | undefined;
  private readonly sights = new Map<bigint, Sight | null>();

  constructor(
    readonly serverId: bigint,
    private readonly roles: Map<bigint, RoleRow>,
    private readonly members: Map<bigint, MemberEntry>,
    private readonly channels: Map<bigint, ChannelEntry>,
    private readonly categories: Map<bigint, CategoryRow>,
    private readonly overwrites: { channel: Map<bigint, Overwrite[]>; category: Map<bigint, Overwrite[]> },
  ) {
    this.everyone = [...roles.values()].find((role) => role.builtIn === "everyone");
  }

  /** The ids of the server's members. */
  memberIds(): bigint[] {
    return [...this.members.keys()];
  }

  /** The user's membership in the server (their roles' permissions, their rank), or null when they are not a member. */
  membership(userId: bigint): Membership | null {
    const member = this.members.get(userId);
    if (!member) return null;
    const held = [this.everyone, ...member.roleIds.map((id) => this.roles.get(id))].filter((role) => role !== undefined);
    const owner = member.role === "owner";
    return {
      serverId: this.serverId,
      userId,
      role: member.role,
      timedOutUntil: member.timedOutUntil,
      owner,
      permissions: basePermissions({ owner, roles: held.map((role) => role.permissions) }),
      rank: Math.max(0, ...held.map((role) => role.position)),
    };
  }

  /** The membership with its permissions in the channel after its overwrites; null when not a member or no such channel. */
  inChannel(userId: bigint, channelId: bigint): Membership | null {
    const membership = this.membership(userId);
    const channel = this.channels.get(channelId);
    if (!membership || !channel) return null;
    const member = this.members.get(userId)!;
    const subject = { userId, everyoneRoleId: this.everyone?.id ?? -1n, roleIds: member.roleIds };
    const permissions = channelPermissions(membership.permissions, applicableOverwrites(this.inForce(channel), subject));
    return { ...membership, permissions };
  }

  /** The channels and categories the member sees (the sidebar `channel.list` and `category.list` give them); null when not a member. */
  sightOf(userId: bigint): Sight | null {
    let sight = this.sights.get(userId);
    if (sight !== undefined) return sight;
    const membership = this.membership(userId);
    sight = membership && { channels: new Map(), categories: new Map() };
    if (sight && membership) {
      const allCategories = isAllowed("category.manage", membership);
      for (const channel of this.channels.values()) {
        if (((this.inChannel(userId, channel.id)?.permissions ?? 0n) & Permission.VIEW_CHANNEL) === 0n) continue;
        sight.channels.set(String(channel.id), toChannel({ ...channel, private: this.isPrivate(channel) }));
        const category = channel.categoryId === null ? undefined : this.categories.get(channel.categoryId);
        if (category) sight.categories.set(String(category.id), toCategory(category));
      }
      if (allCategories) for (const category of this.categories.values()) sight.categories.set(String(category.id), toCategory(category));
    }
    this.sights.set(userId, sight);
    return sight;
  }

  /** The overwrites in force on the channel: its category's while synced with one, else its own. */
  private inForce(channel: ChannelEntry): Overwrite[] {
    const synced = channel.permissionsSynced && channel.categoryId !== null;
    return (synced ? this.overwrites.category.get(channel.categoryId!) : this.overwrites.channel.get(channel.id)) ?? [];
  }

  private isPrivate(channel: ChannelEntry): boolean {
    const everyone = this.inForce(channel).find((o) => o.type === "role" && o.id === this.everyone?.id);
    return ((everyone?.deny ?? 0n) & Permission.VIEW_CHANNEL) !== 0n;
  }
}

/** Reads the state of these servers: six statements, whatever their number. */
export async function loadServerStates(db: Database, serverIds: bigint[]): Promise<Map<bigint, ServerState>> {
  const [roleRows, memberRows, heldRows, channelRows, categoryRows, overwriteRows] = await Promise.all([
    db.select().from(roles).where(inArray(roles.serverId, serverIds)),
    db
      .select({ serverId: serverMembers.serverId, userId: serverMembers.userId, role: serverMembers.role, timedOutUntil: serverMembers.timedOutUntil })
      .from(serverMembers)
      .where(inArray(serverMembers.serverId, serverIds)),
    db.select().from(memberRoles).where(inArray(memberRoles.serverId, serverIds)),
    db.select().from(channels).where(inArray(channels.serverId, serverIds)).orderBy(asc(channels.position)),
    db.select().from(categories).where(inArray(categories.serverId, serverIds)).orderBy(asc(categories.position)),
    db.select().from(permissionOverwrites).where(inArray(permissionOverwrites.serverId, serverIds)),
  ]);
  const group = <Row extends { serverId: bigint | null }>(rows: Row[]) => {
    const by = new Map<bigint, Row[]>(serverIds.map((id) => [id, []]));
    for (const row of rows) if (row.serverId !== null) by.get(row.serverId)?.push(row);
    return (serverId: bigint) => by.get(serverId) ?? [];
  };
  const [rolesOf, membersOf, heldOf, channelsOf, categoriesOf, overwritesOf] = [
    group(roleRows),
    group(memberRows),
    group(heldRows),
    group(channelRows),
    group(categoryRows),
    group(overwriteRows),
  ];
  const states = new Map<bigint, ServerState>();
  for (const serverId of serverIds) {
    const members = new Map<bigint, MemberEntry>(membersOf(serverId).map((row) => [row.userId, { ...row, roleIds: [] }]));
    for (const held of heldOf(serverId)) members.get(held.userId)?.roleIds.push(held.roleId);
    const overwrites = { channel: new Map<bigint, Overwrite[]>(), category: new Map<bigint, Overwrite[]>() };
    for (const row of overwritesOf(serverId)) {
      const [scope, key] = row.channelId !== null ? [overwrites.channel, row.channelId] : [overwrites.category, row.categoryId!];
      const list = scope.get(key) ?? [];
      list.push({ type: row.targetType, id: row.targetId, allow: row.allow, deny: row.deny });
      scope.set(key, list);
    }
    states.set(
      serverId,
      new ServerState(
        serverId,
        new Map(rolesOf(serverId).map((row) => [row.id, row])),
        members,
        new Map(channelsOf(serverId).map((row) => [row.id, row as ChannelEntry])),
        new Map(categoriesOf(serverId).map((row) => [row.id, row])),
        overwrites,
      ),
    );
  }
  return states;
}

/** Activity that leaves who sees what as it was: messages. Every other kind may change it (a channel, a role, a member). */
const STATELESS_ACTIVITY = new Set(["message", "messageDeleted"]);
const STATE_SIGNALS = new Set(["access", "activity"] as const);

/** One server's shared state in this process: listened for while some subscription holds it. */
export class Entry implements Receiver {
  readonly kinds = STATE_SIGNALS;
  holders = 0;
  /** Rises with every change heard: a state read before the latest rise is stale. */
  private generation = 0;
  private current: { generation: number; state: Promise<ServerState> } | undefined;
  /** Signals already counted: the same signal reaches the listener and each subscription that passes it on. */
  private readonly seen = new WeakSet<Signal>();
  readonly listening: Promise<() => void>;

  constructor(
    readonly serverId: bigint,
    bus: EventBus,
  ) {
    this.listening = listen(bus, [topics.server(serverId), topics.activity(serverId)], this);
  }

  receive(signal: Signal) {
    if (signal.kind === "activity" && STATELESS_ACTIVITY.has(signal.activity.type)) return;
    this.changed(signal);
  }

  resync() {
    this.generation += 1;
  }

  /** A change happened (heard here, or on a channel's topic by a subscription). */
  changed(signal?: Signal) {
    if (signal) {
      if (this.seen.has(signal)) return;
      this.seen.add(signal);
    }
    this.generation += 1;
  }

  /** The state, current as of every change heard so far: the one in hand, or one read now. */
  state(load: (serverIds: bigint[]) => Promise<Map<bigint, ServerState>>): Promise<ServerState> {
    if (this.current?.generation === this.generation) return this.current.state;
    this.assign(load([this.serverId]).then((states) => states.get(this.serverId)!));
    return this.current!.state;
  }

  get fresh(): boolean {
    return this.current?.generation === this.generation;
  }

  assign(state: Promise<ServerState>) {
    const current = { generation: this.generation, state };
    this.current = current;
    // A failed read is not kept: the next reader tries again.
    state.catch(() => {
      if (this.current === current) this.current = undefined;
    });
  }
}

/**
 * A live subscription's check of access from the shared state. Refused at the start (no `cause`)
 * by a state that may not have heard of a grant yet (its signal on its way from another instance),
 * the database decides, as the procedure did a moment ago.
 */
export async function checkFromState(cause: Signal | undefined, fromState: () => Promise<void>, fromDatabase: () => Promise<void>): Promise<void> {
  try {
    await fromState();
  } catch (refusal) {
    if (cause) throw refusal;
    await fromDatabase();
  }
}

/** A subscription's hold on a server's state: release it when the subscription ends. */
export class ServerStateHold {
  private released = false;

  constructor(
    readonly entry: Entry,
    private readonly states: ServerStates,
  ) {}

  /** The state as of every change heard, `cause` included (a signal the subscription heard on another topic). */
  async state(cause?: Signal): Promise<ServerState> {
    // Listening first: a change after the read below cannot go unheard.
    await this.entry.listening;
    if (cause) this.entry.changed(cause);
    return this.entry.state(this.states.load);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.states.release(this.entry);
  }
}

/** The shared states of one process, per bus and database (tests run several apps in one process). */
class ServerStates {
  private readonly entries = new Map<bigint, Entry>();

  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
  ) {}

  readonly load = (serverIds: bigint[]) => loadServerStates(this.db, serverIds);

  hold(serverId: bigint): ServerStateHold {
    let entry = this.entries.get(serverId);
    if (!entry) {
      const created = new Entry(serverId, this.bus);
      this.entries.set(serverId, (entry = created));
      // The bus refused (Redis away): a later hold listens anew.
      created.listening.catch(() => this.entries.get(serverId) === created && this.entries.delete(serverId));
    }
    entry.holders += 1;
    return new ServerStateHold(entry, this);
  }

  release(entry: Entry) {
    if ((entry.holders -= 1) > 0) return;
    // Nobody listens for its changes any more: it goes, and a later hold reads anew.
    if (this.entries.get(entry.serverId) === entry) this.entries.delete(entry.serverId);
    entry.listening.then((stop) => stop(), () => undefined);
  }

  /** The states of these holds as of `cause` too, the stale ones read in one batch (a stream following many servers starts with all of them). */
  async states(holds: ServerStateHold[], cause?: Signal): Promise<ServerState[]> {
    await Promise.all(holds.map((hold) => hold.entry.listening));
    if (cause) for (const hold of holds) hold.entry.changed(cause);
    const stale = holds.map((hold) => hold.entry).filter((entry) => !entry.fresh);
    if (stale.length > 1) {
      const batch = this.load(stale.map((entry) => entry.serverId));
      for (const entry of stale) entry.assign(batch.then((states) => states.get(entry.serverId)!));
    }
    return Promise.all(holds.map((hold) => hold.state()));
  }
}

const registry = new WeakMap<EventBus, WeakMap<Database, ServerStates>>();

/** This process's shared server states for the context's database and bus. */
export function serverStates(ctx: { db: Database; realtime: { bus: EventBus } }): ServerStates {
  let byDb = registry.get(ctx.realtime.bus);
  if (!byDb) registry.set(ctx.realtime.bus, (byDb = new WeakMap()));
  let states = byDb.get(ctx.db);
  if (!states) byDb.set(ctx.db, (states = new ServerStates(ctx.db, ctx.realtime.bus)));
  return states;
}
