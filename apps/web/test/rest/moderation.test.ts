/** The REST routes of issues 7 and 16 through the real server: bans, kicks, invites, audit log, status, sessions, two-factor; pins, slowmode, timeouts. */
import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";

import { expectError, password, signUp } from "../support/http";
import { useRestCast } from "../support/rest-cast";

const { rest, cast, createServer } = useRestCast();

const code = (secret: string, at = Date.now()) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: at });

describe("kicks and bans", () => {
  it("DELETE /servers/{id}/members/{userId} kicks; the kicked member may rejoin", async () => {
    const server = await createServer();
    expectError(await rest("DELETE", `/servers/${server.id}/members/${cast.owner.id}`, { token: cast.admin.token }), 403, "FORBIDDEN");
    expectError(await rest("DELETE", `/servers/${server.id}/members/${cast.admin.id}`, { token: cast.member.token }), 403, "FORBIDDEN");
    const kicked = await rest("DELETE", `/servers/${server.id}/members/${cast.member.id}?reason=cool%20off`, { token: cast.admin.token });
    expect(kicked).toMatchObject({ status: 200, body: { ok: true } });
    expectError(await rest("GET", `/servers/${server.id}`, { token: cast.member.token }), 404, "NOT_FOUND");
    expect((await rest("POST", "/servers/join", { token: cast.member.token, body: { inviteCode: server.inviteCode } })).status).toBe(200);
  });

  it("PUT, GET and DELETE /servers/{id}/bans: ban with a reason, list, refuse rejoining, unban", async () => {
    const server = await createServer();
    expectError(await rest("PUT", `/servers/${server.id}/bans/${cast.owner.id}`, { token: cast.admin.token, body: {} }), 403, "FORBIDDEN");
    const banned = await rest("PUT", `/servers/${server.id}/bans/${cast.member.id}`, { token: cast.admin.token, body: { reason: "spam" } });
    expect(banned).toMatchObject({ status: 200, body: { ok: true } });
    expectError(await rest("PUT", `/servers/${server.id}/bans/${cast.member.id}`, { token: cast.admin.token, body: {} }), 409, "CONFLICT");
    const list = await rest("GET", `/servers/${server.id}/bans`, { token: cast.owner.token });
    expect(list.body).toEqual([
      {
        user: { id: cast.member.id, username: cast.member.username },
        reason: "spam",
        bannedBy: { id: cast.admin.id, username: cast.admin.username },
        createdAt: expect.any(String),
      },
    ]);
    const rejoin = await rest("POST", "/servers/join", { token: cast.member.token, body: { inviteCode: server.inviteCode } });
    expect(rejoin).toMatchObject({ status: 403, body: { code: "FORBIDDEN", message: "You are banned from this server" } });
    expect((await rest("DELETE", `/servers/${server.id}/bans/${cast.member.id}`, { token: cast.admin.token })).status).toBe(200);
    expectError(await rest("DELETE", `/servers/${server.id}/bans/${cast.member.id}`, { token: cast.admin.token }), 404, "NOT_FOUND");
    expect((await rest("POST", "/servers/join", { token: cast.member.token, body: { inviteCode: server.inviteCode } })).status).toBe(200);
  });
});

describe("invites", () => {
  it("creates, lists, previews (without a token) and revokes; a revoked code says so", async () => {
    const server = await createServer();
    const created = await rest("POST", `/servers/${server.id}/invites`, { token: cast.admin.token, body: { maxUses: 1, expiresInSeconds: 600 } });
    expect(created).toMatchObject({ status: 200, body: { maxUses: 1, uses: 0, state: "active", expiresAt: expect.any(String) } });
    const inviteCode = created.body.code as string;
    // A member's own invites expire within a week (rest/servers.test.ts); a longer one is refused.
    const forMonths = { expiresInSeconds: 30 * 86_400 };
    expectError(await rest("POST", `/servers/${server.id}/invites`, { token: cast.member.token, body: forMonths }), 400, "BAD_REQUEST");

    const preview = await rest("GET", `/invites/${inviteCode}`);
    expect(preview).toMatchObject({ status: 200, body: { code: inviteCode, server: { id: server.id, name: "Guild", memberCount: 3 }, usesLeft: 1 } });
    expect((await rest("POST", "/servers/join", { token: cast.outsider.token, body: { inviteCode } })).status).toBe(200);
    const usedUp = await rest("GET", `/invites/${inviteCode}`);
    expect(usedUp).toMatchObject({ status: 404, body: { code: "NOT_FOUND", message: "This invite has reached its maximum number of uses" } });

    const another = (await rest("POST", `/servers/${server.id}/invites`, { token: cast.owner.token, body: {} })).body;
    const listed = await rest("GET", `/servers/${server.id}/invites`, { token: cast.admin.token });
    expect(listed.body.map((invite: { code: string; state: string }) => [invite.code, invite.state])).toEqual([
      [another.code, "active"],
      [inviteCode, "used_up"],
    ]);
    expect((await rest("DELETE", `/servers/${server.id}/invites/${another.code}`, { token: cast.admin.token })).body.state).toBe("revoked");
    const revoked = await rest("POST", "/servers/join", { token: cast.member.token, body: { inviteCode: another.code } });
    expect(revoked.status).toBe(200); // already a member: joining again is harmless, even by a dead code
    const stranger = await signUp(rest, "stranger");
    const refused = await rest("POST", "/servers/join", { token: stranger.token, body: { inviteCode: another.code } });
    expect(refused).toMatchObject({ status: 404, body: { message: "This invite was revoked" } });
    expectError(await rest("GET", "/invites/Unknown123"), 404, "NOT_FOUND");
  });
});

describe("GET /servers/{id}/audit-log", () => {
  it("pages the log newest first with filters; 403 for members", async () => {
    const server = await createServer();
    await rest("PUT", `/servers/${server.id}`, { token: cast.admin.token, body: { name: "Renamed" } });
    await rest("PUT", `/servers/${server.id}/bans/${cast.member.id}`, { token: cast.admin.token, body: { reason: "spam" } });
    const page = await rest("GET", `/servers/${server.id}/audit-log?limit=1`, { token: cast.owner.token });
    expect(page.body).toEqual({
      items: [
        {
          id: expect.any(String),
          action: "member.ban",
          actor: { id: cast.admin.id, username: cast.admin.username },
          target: { id: cast.member.id, name: cast.member.username },
          details: { reason: "spam" },
          createdAt: expect.any(String),
        },
      ],
      nextCursor: expect.any(String),
    });
    const older = await rest("GET", `/servers/${server.id}/audit-log?limit=1&before=${page.body.nextCursor}`, { token: cast.owner.token });
    expect(older.body.items[0]).toMatchObject({ action: "server.rename", details: { name: { from: "Guild", to: "Renamed" } } });
    const filtered = await rest("GET", `/servers/${server.id}/audit-log?action=member.role&actorId=${cast.owner.id}`, { token: cast.admin.token });
    expect(filtered.body.items).toHaveLength(1);
    expectError(await rest("GET", `/servers/${server.id}/audit-log?action=nope`, { token: cast.owner.token }), 400, "BAD_REQUEST");
    const another = await createServer("Other");
    expectError(await rest("GET", `/servers/${another.id}/audit-log`, { token: cast.member.token }), 403, "FORBIDDEN");
  });
});

describe("status", () => {
  it("GET and PUT /users/me/status", async () => {
    expect((await rest("GET", "/users/me/status", { token: cast.outsider.token })).body).toEqual({ presence: "online", custom: null });
    const set = await rest("PUT", "/users/me/status", {
      token: cast.outsider.token,
      body: { presence: "idle", custom: { text: "Lunch", emoji: "🍜", expiresInSeconds: 3600 } },
    });
    expect(set).toMatchObject({ status: 200, body: { presence: "idle", custom: { text: "Lunch", emoji: "🍜", expiresAt: expect.any(String) } } });
    const cleared = await rest("PUT", "/users/me/status", { token: cast.outsider.token, body: { custom: null } });
    expect(cleared.body).toEqual({ presence: "idle", custom: null });
    expectError(await rest("PUT", "/users/me/status", { token: cast.outsider.token, body: { presence: "away" } }), 400, "BAD_REQUEST");
  });
});

describe("sessions and password", () => {
  it("lists sessions, revokes one and all others, changes the password", async () => {
    const user = await signUp(rest, "sessions");
    const login = () => rest("POST", "/auth/login", { body: { email: user.email, password }, headers: { "user-agent": "curl/8.5.0" } });
    const second = (await login()).body.token as string;
    const third = (await login()).body.token as string;
    const sessions = await rest("GET", "/auth/sessions", { token: user.token });
    expect(sessions.body).toHaveLength(3);
    expect(sessions.body.filter((session: { current: boolean }) => session.current)).toHaveLength(1);
    expect(sessions.body.map((session: { device: string }) => session.device)).toContain("curl");

    const ofSecond = (await rest("GET", "/auth/sessions", { token: second })).body.find((session: { current: boolean }) => session.current);
    expect((await rest("DELETE", `/auth/sessions/${ofSecond.id}`, { token: user.token })).status).toBe(200);
    expectError(await rest("GET", "/auth/me", { token: second }), 401, "UNAUTHORIZED");
    expect((await rest("POST", "/auth/sessions/revoke-others", { token: user.token })).body).toEqual({ revoked: 1 });
    expectError(await rest("GET", "/auth/me", { token: third }), 401, "UNAUTHORIZED");

    const wrong = await rest("POST", "/auth/password", { token: user.token, body: { currentPassword: "nope", newPassword: "new password 1" } });
    expectError(wrong, 401, "UNAUTHORIZED");
    const fourth = (await login()).body.token as string;
    // endOtherSessions is deprecated and ignored: the other sessions end whatever it says.
    const changed = await rest("POST", "/auth/password", {
      token: user.token,
      body: { currentPassword: password, newPassword: "new password 1", endOtherSessions: false },
    });
    expect(changed.body).toEqual({ revoked: 1 });
    expectError(await rest("GET", "/auth/me", { token: fourth }), 401, "UNAUTHORIZED");
    expect((await rest("POST", "/auth/login", { body: { email: user.email, password: "new password 1" } })).status).toBe(200);
    expect((await rest("GET", "/auth/security-log", { token: user.token })).body).toEqual([
      expect.objectContaining({ kind: "password.changed", device: expect.any(String), createdAt: expect.any(String) }),
    ]);
  });
});

describe("two-factor", () => {
  it("enrols, confirms, then login answers a challenge that /auth/2fa/verify exchanges for a token", async () => {
    const user = await signUp(rest, "twofactor");
    const enrolment = (await rest("POST", "/auth/2fa/enroll", { token: user.token })).body;
    expect(enrolment).toEqual({
      uri: expect.stringMatching(/^otpauth:\/\/totp\//),
      secret: expect.any(String),
      qrCode: expect.stringMatching(/^data:image\/png;base64,/),
    });
    const confirmed = await rest("POST", "/auth/2fa/confirm", { token: user.token, body: { code: code(enrolment.secret) } });
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect((await rest("GET", "/auth/2fa", { token: user.token })).body).toEqual({ enabled: true, recoveryCodesLeft: 10 });

    const login = await rest("POST", "/auth/login", { body: { email: user.email, password } });
    expect(login.body).toEqual({ twoFactorRequired: true, challenge: expect.any(String) });
    const badCode = await rest("POST", "/auth/2fa/verify", { body: { challenge: login.body.challenge, code: "aaaaa-bbbbb" } });
    expectError(badCode, 401, "UNAUTHORIZED");
    const log = (await rest("GET", "/auth/security-log", { token: user.token })).body as Array<{ kind: string }>;
    expect(log.map((event) => event.kind)).toEqual(["sign_in.code_failed", "two_factor.enabled"]);
    const verified = await rest("POST", "/auth/2fa/verify", {
      body: { challenge: login.body.challenge, code: confirmed.body.recoveryCodes[0] },
    });
    expect(verified).toMatchObject({ status: 200, body: { token: expect.any(String), user: { id: user.id } } });
    expect((await rest("GET", "/auth/me", { token: verified.body.token })).body.id).toBe(user.id);

    const disabled = await rest("POST", "/auth/2fa/disable", { token: user.token, body: { code: code(enrolment.secret, Date.now() + 30_000) } });
    expect(disabled.body).toEqual({ ok: true });
    expect((await rest("POST", "/auth/login", { body: { email: user.email, password } })).body.token).toEqual(expect.any(String));
  });
});

describe("pins, slowmode and timeouts (issue 16)", () => {
  const channelOf = async (serverId: string) =>
    ((await rest("GET", `/servers/${serverId}/channels`, { token: cast.owner.token })).body as Array<{ id: string }>)[0]!.id;

  it("PUT and DELETE /messages/{id}/pin, GET /channels/{id}/pins", async () => {
    const channelId = await channelOf((await createServer()).id);
    const sent = await rest("POST", `/channels/${channelId}/messages`, { token: cast.member.token, body: { content: "pin me" } });
    const messageId = sent.body.id as string;
    expectError(await rest("PUT", `/messages/${messageId}/pin`, { token: cast.member.token, body: {} }), 403, "FORBIDDEN");
    const pinned = await rest("PUT", `/messages/${messageId}/pin`, { token: cast.admin.token, body: {} });
    expect(pinned).toMatchObject({ status: 200, body: { message: { id: messageId }, pinnedBy: { id: cast.admin.id }, pinnedAt: expect.any(String) } });
    const pins = await rest("GET", `/channels/${channelId}/pins`, { token: cast.member.token });
    expect(pins.body.map((pin: { message: { id: string } }) => pin.message.id)).toEqual([messageId]);
    expect((await rest("DELETE", `/messages/${messageId}/pin`, { token: cast.admin.token })).body).toEqual({ ok: true });
    expect((await rest("GET", `/channels/${channelId}/pins`, { token: cast.member.token })).body).toEqual([]);
  });

  it("PUT /channels/{id}/slowmode: a member's early send is 429 with Retry-After; the channel says its slowmode", async () => {
    const channelId = await channelOf((await createServer()).id);
    expectError(await rest("PUT", `/channels/${channelId}/slowmode`, { token: cast.member.token, body: { seconds: 30 } }), 403, "FORBIDDEN");
    expectError(await rest("PUT", `/channels/${channelId}/slowmode`, { token: cast.owner.token, body: { seconds: 21601 } }), 400, "BAD_REQUEST");
    const set = await rest("PUT", `/channels/${channelId}/slowmode`, { token: cast.owner.token, body: { seconds: 30 } });
    expect(set).toMatchObject({ status: 200, body: { id: channelId, slowmodeSeconds: 30 } });
    expect((await rest("POST", `/channels/${channelId}/messages`, { token: cast.member.token, body: { content: "one" } })).status).toBe(200);
    const early = await rest("POST", `/channels/${channelId}/messages`, { token: cast.member.token, body: { content: "two" } });
    expectError(early, 429, "TOO_MANY_REQUESTS");
    expect(Number(early.headers.get("retry-after"))).toBeGreaterThanOrEqual(29);
    expect(Number(early.headers.get("retry-after"))).toBeLessThanOrEqual(30);
  });

  it("PUT and DELETE /servers/{id}/members/{userId}/timeout: the member cannot post until it is lifted", async () => {
    const server = await createServer();
    const channelId = await channelOf(server.id);
    const route = `/servers/${server.id}/members/${cast.member.id}/timeout`;
    expectError(await rest("PUT", `/servers/${server.id}/members/${cast.owner.id}/timeout`, { token: cast.admin.token, body: { durationSeconds: 60 } }), 403, "FORBIDDEN");
    const timed = await rest("PUT", route, { token: cast.admin.token, body: { durationSeconds: 600, reason: "cool off" } });
    expect(timed).toMatchObject({ status: 200, body: { userId: cast.member.id, timedOutUntil: expect.any(String) } });
    const refused = await rest("POST", `/channels/${channelId}/messages`, { token: cast.member.token, body: { content: "hi" } });
    expect(refused).toMatchObject({ status: 403, body: { code: "FORBIDDEN", message: `You are timed out until ${timed.body.timedOutUntil}` } });
    expect((await rest("GET", `/channels/${channelId}/messages`, { token: cast.member.token })).status).toBe(200);
    expect((await rest("DELETE", route, { token: cast.admin.token })).body).toMatchObject({ timedOutUntil: null });
    expect((await rest("POST", `/channels/${channelId}/messages`, { token: cast.member.token, body: { content: "hi" } })).status).toBe(200);
  });
});
