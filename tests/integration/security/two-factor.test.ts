import { generateHOTP } from "@oslojs/otp";
import { describe, expect, it } from "vitest";
import * as login from "../../../app/routes/login";
import * as secondStep from "../../../app/routes/login_.zwei-faktor";
import * as enrol from "../../../app/routes/me.konto_.zwei-faktor";
import * as me from "../../../app/routes/me._index";
import * as office from "../../../app/routes/office._index";
import * as userPage from "../../../app/routes/office.users.$id";
import * as root from "../../../app/root";
import { hashSessionToken } from "../../../app/auth/sessions.server";
import { openSecret, sealSecret } from "../../../app/auth/two-factor.server";
import { getDb } from "../../../app/utils/db.server";
import { createTestUser } from "../../factories";
import { withEnv } from "../helpers";
import { cookiesFrom, makeRequest, run, sessionCookie } from "../../setup/remix";

const ENROL = "/me/konto/zwei-faktor";
const tokenOf = (cookie: string) => /eh_session=([^;]*)/.exec(cookie)?.[1] ?? "";
const step = () => Math.floor(Date.now() / 30_000);
/** A code computed with the same library, for the given 30-second step (one step ahead is accepted). */
const codeAt = (key: Uint8Array, s: number) => generateHOTP(key, BigInt(s), 6);

function base32Decode(text: string): Uint8Array {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const clean = text.replace(/\s/g, "");
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return new Uint8Array(out);
}

const isLoggedIn = async (cookie: string) => (await run(me.loader, makeRequest("/me", { cookie }))).status === 200;
const post = (path: string, fn: (args: any) => unknown, form: Record<string, string>, cookie: string, ip = "192.0.2.1") => run(fn, makeRequest(path, { form, cookie }), {}, { clientIp: ip });

/** Enrols a user through the page; returns the key (read from the text shown for manual entry), the recovery codes and the new cookie. */
async function enrolUser(cookie: string) {
  expect((await post(ENROL, enrol.action, { intent: "start" }, cookie)).status).toBe(302);
  const page = await run(enrol.loader, makeRequest(ENROL, { cookie }));
  expect(page.data.state.pending.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  expect(page.data.state.pending.uri).toMatch(/^otpauth:\/\/totp\/Ehrenamt-Hub:/);
  const key = base32Decode(page.data.state.pending.secret);
  expect(key).toHaveLength(20);
  const res = await post(ENROL, enrol.action, { intent: "confirm", code: codeAt(key, step()) }, cookie);
  expect(res.status).toBe(200);
  return { key, codes: res.data.recoveryCodes as string[], cookie: cookiesFrom(res, cookie), res };
}

async function passwordStep(email: string, password: string, ip = "192.0.2.50") {
  const res = await run(login.action, makeRequest("/login", { form: { email, password, redirectTo: "/me/konto" } }), {}, { clientIp: ip });
  return { res, cookie: cookiesFrom(res) };
}

describe("two-factor login: enrolment", () => {
  it("shows a QR code and the key, confirms with a code, shows ten recovery codes once, stores them hashed and rotates the session", async () => {
    const u = await createTestUser(getDb(), { roles: ["coordinator"] });
    const before = await sessionCookie(u.id);
    const elsewhere = await sessionCookie(u.id);
    // A wrong first code enrols nothing.
    expect((await post(ENROL, enrol.action, { intent: "start" }, before)).status).toBe(302);
    const wrong = await post(ENROL, enrol.action, { intent: "confirm", code: "000000" }, before);
    expect(wrong.status).toBe(400);
    expect(wrong.data.error.code).toEqual(["security:twoFactor.wrongCode"]);
    expect((await getDb().selectFrom("user_totp").select("confirmed_at").where("user_id", "=", u.id).executeTakeFirstOrThrow()).confirmed_at).toBeNull();

    const { codes, cookie, res } = await enrolUser(before);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const stored = await getDb().selectFrom("user_recovery_code").select("code_hash").where("user_id", "=", u.id).execute();
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(codes[0]);
    expect(JSON.stringify(stored)).not.toContain(codes[0].replace(/-/g, ""));
    // Session rotated: a new token; the old one and the other browser are logged out.
    expect(tokenOf(cookie)).not.toBe(tokenOf(before));
    expect(await isLoggedIn(cookie)).toBe(true);
    expect(await isLoggedIn(before)).toBe(false);
    expect(await isLoggedIn(elsewhere)).toBe(false);
    // Shown once: the page afterwards has no codes, only how many are left.
    const page = await run(enrol.loader, makeRequest(ENROL, { cookie }));
    expect(page.data.state).toMatchObject({ enabled: true, pending: null, recoveryLeft: 10 });
    expect(JSON.stringify(page.data)).not.toContain(codes[0]);
    expect((await getDb().selectFrom("audit_log").select("action").where("entity_id", "=", u.id).execute()).map((r) => r.action)).toContain("two-factor-enable");
  });

  it("keeps the key encrypted at rest when TOTP_ENCRYPTION_KEY is set", () => {
    const restore = withEnv({ TOTP_ENCRYPTION_KEY: "ab".repeat(32) });
    try {
      const key = new Uint8Array(20).fill(7);
      const sealed = sealSecret(key);
      expect(sealed.startsWith("enc:")).toBe(true);
      expect(sealed).not.toContain(Buffer.from(key).toString("base64"));
      expect([...openSecret(sealed)]).toEqual([...key]);
    } finally {
      restore();
    }
  });
});

describe("two-factor login: the second step", () => {
  it("asks for the code after the password; the half-logged-in session opens nothing else; the code rotates the session", async () => {
    const u = await createTestUser(getDb(), { email: "zwei@example.org" });
    const { key } = await enrolUser(await sessionCookie(u.id));
    const { res, cookie: pending } = await passwordStep(u.email, u.password);
    expect(res.status).toBe(302);
    expect(res.location).toBe("/login/zwei-faktor?redirectTo=%2Fme%2Fkonto");
    // Half logged in: no page but the code page.
    expect(await isLoggedIn(pending)).toBe(false);
    expect((await run(root.loader, makeRequest("/", { cookie: pending }))).data.user).toBeNull();
    expect((await run(enrol.loader, makeRequest(ENROL, { cookie: pending }))).status).toBe(302);
    expect((await run(office.loader, makeRequest("/office", { cookie: pending }))).status).toBe(302);
    expect((await run(secondStep.loader, makeRequest("/login/zwei-faktor", { cookie: pending }))).status).toBe(200);
    const row = await getDb().selectFrom("session").select(["stage", "expires_at"]).where("id", "=", hashSessionToken(tokenOf(pending))).executeTakeFirstOrThrow();
    expect(row.stage).toBe("second_factor");
    expect(Date.parse(row.expires_at) - Date.now()).toBeLessThanOrEqual(10 * 60_000);

    // The code used at enrolment cannot be replayed; the next step's code works.
    const replay = await post("/login/zwei-faktor", secondStep.action, { code: codeAt(key, step()), redirectTo: "/me/konto" }, pending);
    expect(replay.status).toBe(400);
    const ok = await post("/login/zwei-faktor", secondStep.action, { code: codeAt(key, step() + 1), redirectTo: "/me/konto" }, pending);
    expect(ok.status).toBe(302);
    expect(ok.location).toBe("/me/konto");
    const full = cookiesFrom(ok, pending);
    expect(tokenOf(full)).not.toBe(tokenOf(pending));
    expect(await isLoggedIn(full)).toBe(true);
    // The half-logged-in session is gone.
    expect(await getDb().selectFrom("session").select("id").where("id", "=", hashSessionToken(tokenOf(pending))).executeTakeFirst()).toBeUndefined();
    // Without a pending session the code page sends to the login.
    expect((await run(secondStep.loader, makeRequest("/login/zwei-faktor"))).location).toBe("/login");
  });

  it("a wrong code is a field error and counts as a failed login; after LOGIN_MAX_FAILURES_PER_ACCOUNT even the right code is refused", async () => {
    const u = await createTestUser(getDb(), { email: "falsch@example.org" });
    const { key } = await enrolUser(await sessionCookie(u.id));
    const { cookie: pending } = await passwordStep(u.email, u.password, "192.0.2.60");
    const wrong = await post("/login/zwei-faktor", secondStep.action, { code: "123456" }, pending, "192.0.2.60");
    expect(wrong.status).toBe(400);
    expect(wrong.data.error.code).toEqual(["security:twoFactor.wrongCode"]);
    const failures = async () => Number((await getDb().selectFrom("login_attempt").select((eb) => eb.fn.countAll<number>().as("n")).where("email", "=", u.email).where("succeeded", "=", 0).executeTakeFirstOrThrow()).n);
    expect(await failures()).toBe(1);
    for (let i = 0; i < 4; i++) await post("/login/zwei-faktor", secondStep.action, { code: "654321" }, pending, "192.0.2.60");
    expect(await failures()).toBe(5);
    const blocked = await post("/login/zwei-faktor", secondStep.action, { code: codeAt(key, step() + 1) }, pending, "192.0.2.61");
    expect(blocked.status).toBe(400);
    expect(blocked.data.error[""][0]).toMatch(/^errors\.loginThrottled\|/);
    expect(blocked.headers.getSetCookie().some((c) => c.startsWith("eh_session="))).toBe(false);
  });

  it("a recovery code logs in once, never twice", async () => {
    const u = await createTestUser(getDb(), { email: "wiederherstellung@example.org" });
    const { codes } = await enrolUser(await sessionCookie(u.id));
    const first = await passwordStep(u.email, u.password, "192.0.2.70");
    const ok = await post("/login/zwei-faktor", secondStep.action, { code: codes[3].toUpperCase() }, first.cookie, "192.0.2.70");
    expect(ok.status).toBe(302);
    expect(await isLoggedIn(cookiesFrom(ok, first.cookie))).toBe(true);
    expect((await getDb().selectFrom("user_recovery_code").select("id").where("user_id", "=", u.id).where("used_at", "is", null).execute()).length).toBe(9);

    const second = await passwordStep(u.email, u.password, "192.0.2.70");
    const again = await post("/login/zwei-faktor", secondStep.action, { code: codes[3] }, second.cookie, "192.0.2.70");
    expect(again.status).toBe(400);
    expect(again.data.error.code).toEqual(["security:twoFactor.wrongCode"]);
  });
});

describe("two-factor login: a lost device", () => {
  it("another admin resets it (audit-logged, the person's sessions end); then the password alone logs in", async () => {
    const admin = await createTestUser(getDb(), { roles: ["admin"] });
    const adminCookie = await sessionCookie(admin.id);
    const u = await createTestUser(getDb(), { roles: ["coordinator"], email: "verloren@example.org" });
    const { cookie: userCookie } = await enrolUser(await sessionCookie(u.id));
    const page = await run(userPage.loader, makeRequest(`/office/users/${u.id}`, { cookie: adminCookie }), { id: u.id });
    expect(page.data.twoFactor).toBe(true);

    const res = await run(userPage.action, makeRequest(`/office/users/${u.id}`, { form: { intent: "reset-two-factor" }, cookie: adminCookie }), { id: u.id });
    expect(res.status).toBe(302);
    expect(await getDb().selectFrom("user_totp").select("user_id").where("user_id", "=", u.id).executeTakeFirst()).toBeUndefined();
    expect(await getDb().selectFrom("user_recovery_code").select("id").where("user_id", "=", u.id).execute()).toEqual([]);
    expect(await isLoggedIn(userCookie)).toBe(false);
    const audit = await getDb().selectFrom("audit_log").selectAll().where("action", "=", "two-factor-reset").where("entity_id", "=", u.id).executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(admin.id);
    const { res: loginRes } = await passwordStep(u.email, u.password, "192.0.2.80");
    expect(loginRes.location).toBe("/me/konto");
  });

  it("a coordinator cannot reset anyone's (not an admin's either); an admin cannot reset their own", async () => {
    const admin = await createTestUser(getDb(), { roles: ["admin"] });
    const { cookie: adminCookie } = await enrolUser(await sessionCookie(admin.id));
    const coordinator = await createTestUser(getDb(), { roles: ["coordinator"] });
    const byCoordinator = await run(userPage.action, makeRequest(`/office/users/${admin.id}`, { form: { intent: "reset-two-factor" }, cookie: await sessionCookie(coordinator.id) }), { id: admin.id });
    expect(byCoordinator.status).toBe(403);
    const own = await run(userPage.action, makeRequest(`/office/users/${admin.id}`, { form: { intent: "reset-two-factor" }, cookie: adminCookie }), { id: admin.id });
    expect(own.status).toBe(400);
    expect(await getDb().selectFrom("user_totp").select("user_id").where("user_id", "=", admin.id).executeTakeFirst()).toBeDefined();
  });
});

describe("two-factor login: OFFICE_REQUIRE_2FA", () => {
  it("sends office users without it to the enrolment after login and keeps every other page closed; volunteers are not affected", async () => {
    const restore = withEnv({ OFFICE_REQUIRE_2FA: "true" });
    try {
      const u = await createTestUser(getDb(), { roles: ["coordinator"], email: "pflicht@example.org" });
      const { res, cookie } = await passwordStep(u.email, u.password, "192.0.2.90");
      expect(res.location).toBe(ENROL);
      const blocked = await run(office.loader, makeRequest("/office", { cookie }));
      expect(blocked.status).toBe(302);
      expect(blocked.location).toBe(ENROL);
      expect((await run(me.loader, makeRequest("/me", { cookie }))).location).toBe(ENROL);
      expect((await run(enrol.loader, makeRequest(ENROL, { cookie }))).data.state).toMatchObject({ required: true, enabled: false });

      const { key, cookie: enrolled } = await enrolUser(cookie);
      expect((await run(office.loader, makeRequest("/office", { cookie: enrolled }))).status).toBe(200);
      // Required: it cannot be switched off.
      const off = await post(ENROL, enrol.action, { intent: "disable", code: codeAt(key, step() + 1) }, enrolled);
      expect(off.status).toBe(400);
      expect(off.data.error[""]).toEqual(["security:twoFactor.requiredCannotDisable"]);

      const v = await createTestUser(getDb(), { roles: ["volunteer"], email: "freiwillig@example.org" });
      const vLogin = await passwordStep(v.email, v.password, "192.0.2.91");
      expect(vLogin.res.location).toBe("/me/konto");
      expect((await run(me.loader, makeRequest("/me", { cookie: vLogin.cookie }))).status).toBe(200);
    } finally {
      restore();
    }
  });

  it("without the setting, a user may switch it off with a current code", async () => {
    const u = await createTestUser(getDb(), { roles: ["coordinator"] });
    const { key, cookie } = await enrolUser(await sessionCookie(u.id));
    const off = await post(ENROL, enrol.action, { intent: "disable", code: codeAt(key, step() + 1) }, cookie);
    expect(off.status).toBe(302);
    expect(await getDb().selectFrom("user_totp").select("user_id").where("user_id", "=", u.id).executeTakeFirst()).toBeUndefined();
  });
});
