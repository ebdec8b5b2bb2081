import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import * as login from "../../../app/routes/login";
import * as register from "../../../app/routes/register";
import * as verify from "../../../app/routes/verify-email.$token";
import * as me from "../../../app/routes/me._index";
import { cookiesFrom, makeRequest, run } from "../../setup/remix";
import { createTestUser } from "../../factories";

const linkFrom = (text: string, path: string) => {
  const m = new RegExp(`http://localhost:3000(${path}[A-Za-z0-9_-]+)`).exec(text);
  if (!m) throw new Error(`no ${path} link in: ${text}`);
  return m[1];
};

describe("registration, verification and login", () => {
  it("registers a volunteer, mails a link that verifies once, then logs in", async () => {
    const form = { name: "Lea Beispiel", email: "Lea@Example.org", password: "lange genug 123", passwordRepeat: "lange genug 123", terms: "on" };
    const res = await run(register.action, makeRequest("/register", { form }));
    expect(res.status).toBe(302);
    expect(res.location).toBe("/check-mail?for=register");

    const user = await getDb().selectFrom("user").selectAll().where("email", "=", "lea@example.org").executeTakeFirstOrThrow();
    expect(user.email_verified_at).toBeNull();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const roles = await getDb().selectFrom("user_role").select("role").where("user_id", "=", user.id).execute();
    expect(roles.map((r) => r.role)).toEqual(["volunteer"]);

    const mail = await getDb().selectFrom("outbox").selectAll().where("to_address", "=", "lea@example.org").executeTakeFirstOrThrow();
    expect(mail.template).toBe("verify-email");
    const path = linkFrom(mail.text, "/verify-email/");

    // Unverified: login refused with a clear message, a new link is sent.
    const early = await run(login.action, makeRequest("/login", { form: { email: "lea@example.org", password: "lange genug 123" } }));
    expect(early.status).toBe(400);
    expect(early.data.error[""]).toEqual(["errors.emailNotVerified"]);

    const latest = await getDb().selectFrom("outbox").select("text").where("to_address", "=", "lea@example.org").orderBy("id", "desc").executeTakeFirstOrThrow();
    const token = linkFrom(latest.text, "/verify-email/").split("/").pop()!;
    // The first link was replaced by the newer one.
    const stale = await run(verify.loader, makeRequest(path), { token: path.split("/").pop()! });
    expect(stale.status).toBe(200);
    expect(stale.data).toBeNull();

    const ok = await run(verify.loader, makeRequest(`/verify-email/${token}`), { token });
    expect(ok.status).toBe(302);
    expect(ok.location).toBe("/login");
    const again = await run(verify.loader, makeRequest(`/verify-email/${token}`), { token });
    expect(again.data).toBeNull();

    const signedIn = await run(login.action, makeRequest("/login", { form: { email: "LEA@example.org", password: "lange genug 123", redirectTo: "/me" } }));
    expect(signedIn.status).toBe(302);
    expect(signedIn.location).toBe("/me");
    const cookie = cookiesFrom(signedIn);
    expect(cookie).toMatch(/eh_session=/);
    const setCookie = signedIn.headers.getSetCookie().find((c) => c.startsWith("eh_session="))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    const page = await run(me.loader, makeRequest("/me", { cookie }));
    expect(page.status).toBe(200);
    expect(page.data.account.email).toBe("lea@example.org");
  });

  it("answers a registration for a known address exactly like a new one, and mails the owner instead", async () => {
    const existing = await createTestUser(getDb(), { email: "known@example.org", name: "Known Person" });
    const before = await getDb().selectFrom("user").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const res = await run(register.action, makeRequest("/register", { form: { name: "Someone Else", email: existing.email, password: "lange genug 123", passwordRepeat: "lange genug 123", terms: "on" } }));
    expect(res.status).toBe(302);
    expect(res.location).toBe("/check-mail?for=register");
    const after = await getDb().selectFrom("user").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const mail = await getDb().selectFrom("outbox").select("template").where("to_address", "=", existing.email).executeTakeFirstOrThrow();
    expect(mail.template).toBe("register-existing");
  });

  it("gives the same answer for an unknown address and a wrong password", async () => {
    const u = await createTestUser(getDb(), { email: "same@example.org" });
    const wrong = await run(login.action, makeRequest("/login", { form: { email: u.email, password: "falsch falsch" } }, ), {}, { clientIp: "10.0.0.1" });
    const unknown = await run(login.action, makeRequest("/login", { form: { email: "nobody@example.org", password: "falsch falsch" } }), {}, { clientIp: "10.0.0.2" });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(wrong.data.error).toEqual(unknown.data.error);
    expect(wrong.data.error[""]).toEqual(["errors.invalidCredentials"]);
  });
});
