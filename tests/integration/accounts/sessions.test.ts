import { describe, expect, it } from "vitest";
import * as login from "../../../app/routes/login";
import * as logout from "../../../app/routes/logout";
import * as me from "../../../app/routes/me._index";
import * as org from "../../../app/routes/office.organisations.$id";
import * as user from "../../../app/routes/office.users.$id";
import { hashSessionToken, SESSION_LIFE_MS } from "../../../app/auth/sessions.server";
import * as root from "../../../app/root";
import { getDb } from "../../../app/utils/db.server";
import { createTestOrganisation, createTestUser } from "../../factories";
import { cookiesFrom, makeRequest, run, sessionCookie } from "../../setup/remix";

const tokenOf = (cookie: string) => /eh_session=([^;]*)/.exec(cookie)?.[1] ?? "";
// The table holds the SHA-256 of the cookie's token, never the token (migration 0020).
const sessionIdOf = (cookie: string) => hashSessionToken(tokenOf(cookie));
const sessionsOf = async (userId: string) => (await getDb().selectFrom("session").select("id").where("user_id", "=", userId).execute()).map((r) => r.id);
const isLoggedIn = async (cookie: string) => (await run(me.loader, makeRequest("/me", { cookie }))).status === 200;

describe("sessions", () => {
  it("logout ends the session on the server and clears the cookie", async () => {
    const u = await createTestUser(getDb());
    const cookie = await sessionCookie(u.id);
    const other = await sessionCookie(u.id);
    expect(await isLoggedIn(cookie)).toBe(true);

    const res = await run(logout.action, makeRequest("/logout", { method: "POST", cookie }));
    expect(res.status).toBe(302);
    expect(res.location).toBe("/");
    const cleared = res.headers.getSetCookie().find((c) => c.startsWith("eh_session="))!;
    expect(cleared).toMatch(/^eh_session=;/);
    expect(cleared).toMatch(/Max-Age=0/i);

    expect(await sessionsOf(u.id)).toEqual([sessionIdOf(other)]);
    const after = await run(me.loader, makeRequest("/me", { cookie }));
    expect(after.status).toBe(302);
    expect(after.location).toBe("/login?redirectTo=%2Fme");
    // Logging out in one browser leaves the other one alone.
    expect(await isLoggedIn(other)).toBe(true);
  });

  it("a GET to /logout changes nothing", async () => {
    const u = await createTestUser(getDb());
    const cookie = await sessionCookie(u.id);
    const res = await run(logout.loader, makeRequest("/logout", { cookie }));
    expect(res.status).toBe(302);
    expect(await isLoggedIn(cookie)).toBe(true);
  });

  it("sets HttpOnly, SameSite=Lax, no Secure outside production, and a fresh id on every login", async () => {
    const u = await createTestUser(getDb(), { email: "rotate@example.org" });
    // A planted (fixated) session id is never adopted.
    const planted = "eh_session=attackerchosenid0000000000000000000000000";
    const first = await run(login.action, makeRequest("/login", { form: { email: u.email, password: u.password }, cookie: planted }), {}, { clientIp: "203.0.113.5" });
    expect(first.status).toBe(302);
    const setCookie = first.headers.getSetCookie().find((c) => c.startsWith("eh_session="))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//i);
    expect(setCookie).not.toMatch(/Secure/i);
    const c1 = cookiesFrom(first);
    expect(tokenOf(c1)).not.toBe("attackerchosenid0000000000000000000000000");
    expect(tokenOf(c1)).toMatch(/^[a-z0-9]{30,}$/);

    const second = await run(login.action, makeRequest("/login", { form: { email: u.email, password: u.password } }), {}, { clientIp: "203.0.113.5" });
    expect(sessionIdOf(cookiesFrom(second))).not.toBe(sessionIdOf(c1));
  });

  it("rotates on login: a stale session presented at login is ended, not reused", async () => {
    const u = await createTestUser(getDb(), { email: "stale@example.org" });
    const oldCookie = await sessionCookie(u.id);
    // The old session is not valid any more (e.g. it expired).
    await getDb().updateTable("session").set({ expires_at: "2000-01-01T00:00:00.000Z" }).where("id", "=", sessionIdOf(oldCookie)).execute();
    const res = await run(login.action, makeRequest("/login", { form: { email: u.email, password: u.password }, cookie: oldCookie }), {}, { clientIp: "203.0.113.6" });
    expect(res.status).toBe(302);
    const fresh = cookiesFrom(res, oldCookie);
    expect(sessionIdOf(fresh)).not.toBe(sessionIdOf(oldCookie));
    const ids = await sessionsOf(u.id);
    expect(ids).not.toContain(sessionIdOf(oldCookie));
    expect(ids).toContain(sessionIdOf(fresh));
    expect(await isLoggedIn(fresh)).toBe(true);
  });

  it("sends a logged-in user away from the login form instead of starting a second session", async () => {
    const u = await createTestUser(getDb());
    const cookie = await sessionCookie(u.id);
    const res = await run(login.action, makeRequest("/login", { form: { email: u.email, password: u.password }, cookie }));
    expect(res.status).toBe(302);
    expect(res.location).toBe("/");
    expect(await sessionsOf(u.id)).toEqual([sessionIdOf(cookie)]);
  });

  it("never redirects to another site after login", async () => {
    const u = await createTestUser(getDb(), { email: "redirect@example.org" });
    for (const redirectTo of ["//evil.example", "https://evil.example/", "/\\evil.example", "/\t/evil.example"]) {
      const res = await run(login.action, makeRequest("/login", { form: { email: u.email, password: u.password, redirectTo } }), {}, { clientIp: "203.0.113.9" });
      expect(res.status).toBe(302);
      expect(res.location).toBe("/me");
    }
  });

  it("a disabled account's session stops working", async () => {
    const admin = await createTestUser(getDb(), { roles: ["admin"] });
    const u = await createTestUser(getDb());
    const cookie = await sessionCookie(u.id);
    const res = await run(user.action, makeRequest(`/office/users/${u.id}`, { form: { intent: "disable" }, cookie: await sessionCookie(admin.id) }), { id: u.id });
    expect(res.status).toBe(302);
    expect(await isLoggedIn(cookie)).toBe(false);
    const again = await run(login.action, makeRequest("/login", { form: { email: u.email, password: u.password } }), {}, { clientIp: "203.0.113.10" });
    expect(again.status).toBe(400);
    expect(again.data.error[""]).toEqual(["errors.invalidCredentials"]);
  });
});

describe("roles", () => {
  it("a role change by an admin ends the user's sessions and takes effect", async () => {
    const admin = await createTestUser(getDb(), { roles: ["admin"] });
    const adminCookie = await sessionCookie(admin.id);
    const u = await createTestUser(getDb(), { roles: ["volunteer"] });
    const cookie = await sessionCookie(u.id);

    const res = await run(user.action, makeRequest(`/office/users/${u.id}`, { form: { intent: "roles", roles: ["volunteer", "coordinator"] }, cookie: adminCookie }), { id: u.id });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/office/users/${u.id}`);
    expect(await sessionsOf(u.id)).toEqual([]);
    expect(await isLoggedIn(cookie)).toBe(false);
    const roles = (await getDb().selectFrom("user_role").select("role").where("user_id", "=", u.id).execute()).map((r) => r.role).sort();
    expect(roles).toEqual(["coordinator", "volunteer"]);
    const audit = await getDb().selectFrom("audit_log").selectAll().where("action", "=", "set-roles").where("entity_id", "=", u.id).executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(admin.id);
    // The admin's own session is untouched.
    expect(await isLoggedIn(adminCookie)).toBe(true);
  });

  it("the last admin cannot lose the admin role; with a second admin it works", async () => {
    // Make this test's admin the only one.
    await getDb().deleteFrom("user_role").where("role", "=", "admin").execute();
    const admin = await createTestUser(getDb(), { roles: ["admin"] });
    const cookie = await sessionCookie(admin.id);
    const res = await run(user.action, makeRequest(`/office/users/${admin.id}`, { form: { intent: "roles", roles: "coordinator" }, cookie }), { id: admin.id });
    expect(res.status).toBe(400);
    expect(res.data.error.roles).toEqual(["errors.lastAdmin"]);
    const roles = (await getDb().selectFrom("user_role").select("role").where("user_id", "=", admin.id).execute()).map((r) => r.role);
    expect(roles).toEqual(["admin"]);
    expect(await isLoggedIn(cookie)).toBe(true);

    const second = await createTestUser(getDb(), { roles: ["admin"] });
    const ok = await run(user.action, makeRequest(`/office/users/${second.id}`, { form: { intent: "roles", roles: "coordinator" }, cookie }), { id: second.id });
    expect(ok.status).toBe(302);
    const left = await getDb().selectFrom("user_role").select("user_id").where("role", "=", "admin").execute();
    expect(left.map((r) => r.user_id)).toEqual([admin.id]);
  });

  it("a disabled admin does not count: the last active admin keeps the role", async () => {
    await getDb().deleteFrom("user_role").where("role", "=", "admin").execute();
    const active = await createTestUser(getDb(), { roles: ["admin"] });
    const cookie = await sessionCookie(active.id);
    const other = await createTestUser(getDb(), { roles: ["admin"] });
    const disabled = await run(user.action, makeRequest(`/office/users/${other.id}`, { form: { intent: "disable" }, cookie }), { id: other.id });
    expect(disabled.status).toBe(302);
    const res = await run(user.action, makeRequest(`/office/users/${active.id}`, { form: { intent: "roles", roles: "coordinator" }, cookie }), { id: active.id });
    expect(res.status).toBe(400);
    expect(res.data.error.roles).toEqual(["errors.lastAdmin"]);
    expect(await getDb().selectFrom("user_role").select("role").where("user_id", "=", active.id).execute()).toEqual([{ role: "admin" }]);
    // Taking the role from the disabled admin is fine: an active one remains.
    const ok = await run(user.action, makeRequest(`/office/users/${other.id}`, { form: { intent: "roles", roles: "volunteer" }, cookie }), { id: other.id });
    expect(ok.status).toBe(302);
  });

  it("becoming or ceasing to be an organisation member ends the person's sessions", async () => {
    const coordinator = await createTestUser(getDb(), { roles: ["coordinator"] });
    const office = await sessionCookie(coordinator.id);
    const { id } = await createTestOrganisation(getDb());
    const u = await createTestUser(getDb(), { email: "joins@example.org" });
    const before = await sessionCookie(u.id);
    const add = await run(org.action, makeRequest(`/office/organisations/${id}`, { form: { intent: "add-member", email: u.email }, cookie: office }), { id: String(id) });
    expect(add.status).toBe(302);
    expect(await isLoggedIn(before)).toBe(false);
    const roles = (await getDb().selectFrom("user_role").select("role").where("user_id", "=", u.id).execute()).map((r) => r.role).sort();
    expect(roles).toEqual(["association_member", "volunteer"]);

    const during = await sessionCookie(u.id);
    const remove = await run(org.action, makeRequest(`/office/organisations/${id}`, { form: { intent: "remove-member", userId: u.id }, cookie: office }), { id: String(id) });
    expect(remove.status).toBe(302);
    expect(await isLoggedIn(during)).toBe(false);
    expect((await getDb().selectFrom("user_role").select("role").where("user_id", "=", u.id).execute()).map((r) => r.role)).toEqual(["volunteer"]);
  });

  it("an admin cannot disable their own account", async () => {
    const admin = await createTestUser(getDb(), { roles: ["admin"] });
    const res = await run(user.action, makeRequest(`/office/users/${admin.id}`, { form: { intent: "disable" }, cookie: await sessionCookie(admin.id) }), { id: admin.id });
    expect(res.status).toBe(400);
    const row = await getDb().selectFrom("user").select("disabled_at").where("id", "=", admin.id).executeTakeFirstOrThrow();
    expect(row.disabled_at).toBeNull();
  });
});

describe("session storage and cookie life (issue #12 item 19)", () => {
  it("the database holds no cookie value, only its SHA-256", async () => {
    const u = await createTestUser(getDb(), { email: "hashed@example.org" });
    const res = await run(login.action, makeRequest("/login", { form: { email: u.email, password: u.password } }), {}, { clientIp: "203.0.113.40" });
    const token = tokenOf(cookiesFrom(res));
    expect(token).toMatch(/^[a-f0-9]{48}$/);
    const rows = await getDb().selectFrom("session").selectAll().where("user_id", "=", u.id).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0].id).toBe(hashSessionToken(token));
    // A leaked row's id presented as a cookie opens nothing.
    expect(await isLoggedIn(`eh_session=${rows[0].id.slice(0, 48)}`)).toBe(false);
    expect(await isLoggedIn(`eh_session=${rows[0].id}`)).toBe(false);
  });

  it("the cookie's Max-Age is the server session's life, and is renewed when the session is extended", async () => {
    const u = await createTestUser(getDb(), { email: "cookie-life@example.org" });
    const res = await run(login.action, makeRequest("/login", { form: { email: u.email, password: u.password } }), {}, { clientIp: "203.0.113.41" });
    const set = res.headers.getSetCookie().find((c) => c.startsWith("eh_session="))!;
    const maxAge = Number(/Max-Age=(\d+)/i.exec(set)?.[1]);
    expect(maxAge).toBe(SESSION_LIFE_MS / 1000);
    const row = await getDb().selectFrom("session").select(["expires_at", "created_at"]).where("user_id", "=", u.id).executeTakeFirstOrThrow();
    expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBe(SESSION_LIFE_MS);
    const cookie = cookiesFrom(res);

    // More than half the life left: the root loader neither extends nor sets a cookie.
    const fresh = await run(root.loader, makeRequest("/", { cookie }));
    expect(fresh.headers.getSetCookie().some((c) => c.startsWith("eh_session="))).toBe(false);

    // Six days left: extended to 14 days from now, and the cookie with it.
    const sixDays = new Date(Date.now() + 6 * 86_400_000).toISOString();
    await getDb().updateTable("session").set({ expires_at: sixDays }).where("user_id", "=", u.id).execute();
    const renewed = await run(root.loader, makeRequest("/", { cookie }));
    const again = renewed.headers.getSetCookie().find((c) => c.startsWith("eh_session="))!;
    expect(tokenOf(again)).toBe(tokenOf(cookie));
    const renewedAge = Number(/Max-Age=(\d+)/i.exec(again)?.[1]);
    expect(Math.abs(renewedAge - SESSION_LIFE_MS / 1000)).toBeLessThanOrEqual(2);
    const after = await getDb().selectFrom("session").select("expires_at").where("user_id", "=", u.id).executeTakeFirstOrThrow();
    expect(Math.abs(Date.parse(after.expires_at) - (Date.now() + SESSION_LIFE_MS))).toBeLessThan(5_000);
  });
});
