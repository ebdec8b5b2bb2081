import { describe, expect, it } from "vitest";
import * as confirm from "../../../app/routes/confirm-email.$token";
import { hashSessionToken } from "../../../app/auth/sessions.server";
import * as login from "../../../app/routes/login";
import * as me from "../../../app/routes/me.konto";
import { getDb } from "../../../app/utils/db.server";
import { createTestUser } from "../../factories";
import { cookiesFrom, makeRequest, run, sessionCookie } from "../../setup/remix";
import { rowCounts } from "../helpers";

// Checking the current password records a (failed) attempt for throttling: a security log,
// not data the form wrote. Everything else must stay untouched.
const withoutSecurityLog = ({ login_attempt: _attempts, ...rest }: Record<string, number>) => rest;

const sid = (cookie: string) => /eh_session=([^;]*)/.exec(cookie)?.[1] ?? "";
const post = (cookie: string, form: Record<string, string>) => run(me.action, makeRequest("/me/konto", { form, cookie }));
const loggedIn = async (cookie: string) => (await run(me.loader, makeRequest("/me/konto", { cookie }))).status === 200;
const mailsTo = (to: string) => getDb().selectFrom("outbox").selectAll().where("to_address", "=", to).orderBy("id").execute();

describe("profile: name", () => {
  it("changes the name", async () => {
    const u = await createTestUser(getDb(), { name: "Alter Name" });
    const cookie = await sessionCookie(u.id);
    const res = await post(cookie, { intent: "change-profile", name: "  Neue Namensträgerin " });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/me/konto");
    const page = await run(me.loader, makeRequest("/me/konto", { cookie }));
    expect(page.data.account.name).toBe("Neue Namensträgerin");
  });
});

describe("profile: password", () => {
  it("a wrong current password is a field error and changes nothing", async () => {
    const u = await createTestUser(getDb());
    const cookie = await sessionCookie(u.id);
    const before = await rowCounts();
    const res = await post(cookie, { intent: "change-password", currentPassword: "not my password", password: "ein neues passwort", passwordRepeat: "ein neues passwort" });
    expect(res.status).toBe(400);
    expect(res.data.initialValue.intent).toBe("change-password");
    expect(res.data.error.currentPassword).toEqual(["errors.wrongPassword"]);
    expect(withoutSecurityLog(await rowCounts())).toEqual(withoutSecurityLog(before));
    expect(await loggedIn(cookie)).toBe(true);
  });

  it("success ends every other session, issues a fresh cookie and sends a notice", async () => {
    const u = await createTestUser(getDb(), { email: "pw-change@example.org" });
    const here = await sessionCookie(u.id);
    const elsewhere = await sessionCookie(u.id);
    const res = await post(here, { intent: "change-password", currentPassword: u.password, password: "ein neues passwort", passwordRepeat: "ein neues passwort" });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/me/konto");
    const fresh = cookiesFrom(res, here);
    expect(sid(fresh)).not.toBe(sid(here));
    expect(await loggedIn(fresh)).toBe(true);
    expect(await loggedIn(here)).toBe(false);
    expect(await loggedIn(elsewhere)).toBe(false);
    const sessions = await getDb().selectFrom("session").select("id").where("user_id", "=", u.id).execute();
    expect(sessions.map((s) => s.id)).toEqual([hashSessionToken(sid(fresh))]);

    const mails = await mailsTo(u.email);
    expect(mails.map((m) => m.template)).toEqual(["password-changed-notice"]);

    const loginNew = await run(login.action, makeRequest("/login", { form: { email: u.email, password: "ein neues passwort" } }), {}, { clientIp: "10.20.0.1" });
    expect(loginNew.status).toBe(302);
  });
});

describe("profile: e-mail", () => {
  it("sends a link to the new address; following it changes the address, notifies the old one and ends sessions", async () => {
    const u = await createTestUser(getDb(), { email: "old-address@example.org" });
    const cookie = await sessionCookie(u.id);
    const res = await post(cookie, { intent: "change-email", newEmail: "New-Address@example.org", currentPassword: u.password });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/check-mail?for=email-change");
    // Nothing changes before the link is followed.
    expect((await getDb().selectFrom("user").select("email").where("id", "=", u.id).executeTakeFirstOrThrow()).email).toBe(u.email);

    const [link] = await mailsTo("new-address@example.org");
    expect(link.template).toBe("confirm-email-change");
    const token = /\/confirm-email\/([A-Za-z0-9_-]+)/.exec(link.text)![1];

    // A GET (a link scanner) does not confirm; the route has no loader that writes.
    expect((confirm as Record<string, unknown>).loader).toBeUndefined();

    const done = await run(confirm.action, makeRequest(`/confirm-email/${token}`, { method: "POST" }), { token });
    expect(done.status).toBe(302);
    expect(done.location).toBe("/login");
    const row = await getDb().selectFrom("user").select(["email", "email_verified_at"]).where("id", "=", u.id).executeTakeFirstOrThrow();
    expect(row.email).toBe("new-address@example.org");
    expect(row.email_verified_at).not.toBeNull();

    const notice = await mailsTo(u.email);
    expect(notice.map((m) => m.template)).toEqual(["email-changed-notice"]);
    expect(notice[0].text).toContain("new-address@example.org");

    expect(await loggedIn(cookie)).toBe(false);

    // Single use.
    const again = await run(confirm.action, makeRequest(`/confirm-email/${token}`, { method: "POST" }), { token });
    expect(again.data).toEqual({ ok: false });
  });

  it("a taken address gets no link, but the answer is the same", async () => {
    const taken = await createTestUser(getDb(), { email: "taken@example.org" });
    const u = await createTestUser(getDb(), { email: "wants-taken@example.org" });
    const cookie = await sessionCookie(u.id);
    const before = await rowCounts();
    const res = await post(cookie, { intent: "change-email", newEmail: taken.email, currentPassword: u.password });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/check-mail?for=email-change");
    expect(withoutSecurityLog(await rowCounts())).toEqual(withoutSecurityLog(before));
    expect(await mailsTo(taken.email)).toEqual([]);
  });

  it("a wrong current password is a field error; the own address is a field error", async () => {
    const u = await createTestUser(getDb(), { email: "careful@example.org" });
    const cookie = await sessionCookie(u.id);
    const before = await rowCounts();
    const wrong = await post(cookie, { intent: "change-email", newEmail: "elsewhere@example.org", currentPassword: "guessing wildly" });
    expect(wrong.status).toBe(400);
    expect(wrong.data.error.currentPassword).toEqual(["errors.wrongPassword"]);
    const same = await post(cookie, { intent: "change-email", newEmail: "Careful@example.org", currentPassword: u.password });
    expect(same.status).toBe(400);
    expect(same.data.error.newEmail).toEqual(["errors.sameEmail"]);
    expect(withoutSecurityLog(await rowCounts())).toEqual(withoutSecurityLog(before));
  });

  it("the link fails if someone else took the address meanwhile", async () => {
    const u = await createTestUser(getDb(), { email: "slow@example.org" });
    const cookie = await sessionCookie(u.id);
    await post(cookie, { intent: "change-email", newEmail: "contested@example.org", currentPassword: u.password });
    const [link] = await mailsTo("contested@example.org");
    const token = /\/confirm-email\/([A-Za-z0-9_-]+)/.exec(link.text)![1];
    await createTestUser(getDb(), { email: "contested@example.org" });
    const res = await run(confirm.action, makeRequest(`/confirm-email/${token}`, { method: "POST" }), { token });
    expect(res.data).toEqual({ ok: false });
    expect((await getDb().selectFrom("user").select("email").where("id", "=", u.id).executeTakeFirstOrThrow()).email).toBe(u.email);
  });
});
