import { describe, expect, it } from "vitest";

import {
  Permission,
  allPermissions,
  everyoneDefaults,
  namesOf,
  permissionNames,
  permissionsFromString,
  permissionsToString,
} from "../src/permission-flags";

describe("permission flags", () => {
  it("are distinct single bits", () => {
    const flags = Object.values(Permission);
    expect(new Set(flags).size).toBe(flags.length);
    for (const flag of flags) expect(flag & (flag - 1n)).toBe(0n);
    expect(allPermissions).toBe((1n << BigInt(flags.length)) - 1n);
  });

  it("@everyone's defaults are what a new member may do", () => {
    expect(namesOf(everyoneDefaults)).toEqual(["VIEW_CHANNEL", "SEND_MESSAGES", "READ_HISTORY", "ADD_REACTIONS", "CREATE_INVITE", "ATTACH_FILES", "CHANGE_NICKNAME"]);
  });

  it("travel as decimal strings, and unknown bits are dropped on the way in", () => {
    expect(permissionsToString(everyoneDefaults)).toBe(String(everyoneDefaults));
    expect(permissionsFromString(permissionsToString(allPermissions))).toBe(allPermissions);
    expect(permissionsFromString(String(1n << 40n | Permission.KICK_MEMBERS))).toBe(Permission.KICK_MEMBERS);
    for (const hostile of ["", "-1", "1e3", "0x10", " 1", "1".repeat(21)]) expect(() => permissionsFromString(hostile)).toThrow(RangeError);
  });

  it("name every flag", () => {
    expect(namesOf(allPermissions)).toEqual(permissionNames);
  });
});
