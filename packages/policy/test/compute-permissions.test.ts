/**
 * The permission computation against a reference model of Discord's algorithm written the
 * plainest way: one flag at a time, as a yes/no, over the raw list of overwrites. Random roles and
 * overwrites (fast-check) must give the same answer; tables pin the cases people reason about.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  type Overwrite,
  applicableOverwrites,
  basePermissions,
  channelPermissions,
} from "../src/compute-permissions";
import { Permission, allPermissions, everyoneDefaults, permissionNames } from "../src/permission-flags";

interface World {
  owner: boolean;
  everyone: { id: bigint; permissions: bigint };
  roles: Array<{ id: bigint; permissions: bigint }>;
  userId: bigint;
  overwrites: Overwrite[];
}

const holds = (bits: bigint, flag: bigint) => (bits & flag) !== 0n;

/** Discord's algorithm for one flag, read straight off its description. */
function referenceAllows(world: World, flag: bigint): boolean {
  const everyRole = [world.everyone, ...world.roles];
  if (world.owner) return true;
  if (everyRole.some((role) => holds(role.permissions, Permission.ADMINISTRATOR))) return true;
  if (flag === Permission.ADMINISTRATOR) return false;
  let allowed = everyRole.some((role) => holds(role.permissions, flag));
  const everyoneOverwrite = world.overwrites.find((o) => o.type === "role" && o.id === world.everyone.id);
  if (everyoneOverwrite && holds(everyoneOverwrite.deny, flag)) allowed = false;
  if (everyoneOverwrite && holds(everyoneOverwrite.allow, flag)) allowed = true;
  const mine = world.overwrites.filter((o) => o.type === "role" && world.roles.some((role) => role.id === o.id));
  if (mine.some((o) => holds(o.deny, flag))) allowed = false;
  if (mine.some((o) => holds(o.allow, flag))) allowed = true;
  const own = world.overwrites.find((o) => o.type === "member" && o.id === world.userId);
  if (own && holds(own.deny, flag)) allowed = false;
  if (own && holds(own.allow, flag)) allowed = true;
  return allowed;
}

function computed(world: World): bigint {
  const base = basePermissions({ owner: world.owner, roles: [world.everyone.permissions, ...world.roles.map((r) => r.permissions)] });
  const subject = { userId: world.userId, everyoneRoleId: world.everyone.id, roleIds: world.roles.map((r) => r.id) };
  return channelPermissions(base, applicableOverwrites(world.overwrites, subject));
}

/** Mostly without ADMINISTRATOR, so that the overwrite logic is what gets exercised. */
const bits = fc.bigInt({ min: 0n, max: allPermissions }).map((b) => b & ~Permission.ADMINISTRATOR);
const roleBits = fc.oneof({ weight: 9, arbitrary: bits }, { weight: 1, arbitrary: fc.constant(Permission.ADMINISTRATOR) });
/** Few ids, so that overwrites often hit the member's roles, @everyone (id 0) and the member (user 1). */
const roleId = fc.bigInt({ min: 0n, max: 6n });
const world: fc.Arbitrary<World> = fc
  .record({
    owner: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    everyonePermissions: roleBits,
    roles: fc.uniqueArray(fc.record({ id: fc.bigInt({ min: 1n, max: 6n }), permissions: roleBits }), { selector: (r) => r.id, maxLength: 4 }),
    userId: fc.bigInt({ min: 1n, max: 3n }),
    overwrites: fc.uniqueArray(
      fc.record({ type: fc.constantFrom("role" as const, "member" as const), id: roleId, allow: fc.bigInt({ min: 0n, max: allPermissions }), deny: bits }),
      { selector: (o) => `${o.type}:${o.id}`, maxLength: 6 },
    ),
  })
  .map(({ everyonePermissions, ...rest }) => ({ ...rest, everyone: { id: 0n, permissions: everyonePermissions } }));

describe("channel permissions (property: same as the reference model, flag by flag)", () => {
  it("agrees with Discord's algorithm over random roles and overwrites", () => {
    fc.assert(
      fc.property(world, (w) => {
        const result = computed(w);
        for (const name of permissionNames) expect([name, holds(result, Permission[name])]).toEqual([name, referenceAllows(w, Permission[name])]);
      }),
      { numRuns: 2000 },
    );
  });

  it("with no overwrites, a channel gives what the server gives", () => {
    fc.assert(
      fc.property(world, (w) => {
        const base = basePermissions({ owner: w.owner, roles: [w.everyone.permissions, ...w.roles.map((r) => r.permissions)] });
        expect(channelPermissions(base, { roles: [] })).toBe(base & Permission.ADMINISTRATOR ? allPermissions : base);
      }),
    );
  });

  it("the owner and administrators hold every flag whatever the overwrites", () => {
    fc.assert(
      fc.property(world, fc.boolean(), (w, viaOwnership) => {
        const privileged = viaOwnership ? { ...w, owner: true } : { ...w, roles: [...w.roles, { id: 7n, permissions: Permission.ADMINISTRATOR }] };
        expect(computed(privileged)).toBe(allPermissions);
      }),
    );
  });

  it("never holds a bit that no flag names", () => {
    fc.assert(
      fc.property(world, fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }), (w, noise) => {
        const noisy = { ...w, overwrites: w.overwrites.map((o) => ({ ...o, allow: o.allow | noise })) };
        expect(computed(noisy) & ~allPermissions).toBe(0n);
      }),
    );
  });
});

describe("channel permissions (table)", () => {
  const { VIEW_CHANNEL: view, SEND_MESSAGES: send, MANAGE_MESSAGES: manage, ADMINISTRATOR: admin } = Permission;
  const moderator = { id: 2n, permissions: manage };
  const member = (roles: World["roles"], overwrites: Overwrite[], owner = false): World => ({
    owner,
    everyone: { id: 0n, permissions: everyoneDefaults },
    roles,
    userId: 1n,
    overwrites,
  });
  const privateChannel: Overwrite = { type: "role", id: 0n, allow: 0n, deny: view };
  const cases: Array<[string, World, bigint, boolean]> = [
    ["@everyone's defaults let a member see and send", member([], []), view | send, true],
    ["and not manage messages", member([], []), manage, false],
    ["a role adds its flags", member([moderator], []), manage, true],
    ["a private channel hides itself from @everyone", member([], [privateChannel]), view, false],
    ["a role overwrite lets its holders back in", member([moderator], [privateChannel, { type: "role", id: 2n, allow: view, deny: 0n }]), view, true],
    ["a role overwrite for a role the member lacks does nothing", member([], [privateChannel, { type: "role", id: 2n, allow: view, deny: 0n }]), view, false],
    ["role overwrites combine: one role's allow beats another's deny", member([moderator, { id: 3n, permissions: 0n }], [{ type: "role", id: 2n, allow: 0n, deny: send }, { type: "role", id: 3n, allow: send, deny: 0n }]), send, true],
    ["the member's own overwrite comes last (deny)", member([moderator], [{ type: "role", id: 2n, allow: send, deny: 0n }, { type: "member", id: 1n, allow: 0n, deny: send }]), send, false],
    ["the member's own overwrite comes last (allow)", member([], [privateChannel, { type: "member", id: 1n, allow: view, deny: 0n }]), view, true],
    ["another member's overwrite does nothing", member([], [{ type: "member", id: 9n, allow: 0n, deny: send }]), send, true],
    ["ADMINISTRATOR ignores overwrites", member([{ id: 4n, permissions: admin }], [privateChannel, { type: "member", id: 1n, allow: 0n, deny: view }]), view, true],
    ["the owner ignores overwrites", member([], [privateChannel], true), view, true],
    ["an overwrite cannot grant ADMINISTRATOR", member([], [{ type: "member", id: 1n, allow: admin, deny: 0n }]), admin, false],
  ];
  for (const [label, w, flag, expected] of cases) {
    it(label, () => expect((computed(w) & flag) === flag).toBe(expected));
  }
});
