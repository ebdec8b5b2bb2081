import { describe, expect, it } from "vitest";
import { isResetTokenValid, requestPasswordReset, resetPassword } from "../../../app/modules/accounts/commands.server";
import * as forgot from "../../../app/routes/forgot-password";
import * as login from "../../../app/routes/login";
import * as me from "../../../app/routes/me._index";
import * as reset from "../../../app/routes/reset-password.$token";
import { getDb } from "../../../app/utils/db.server";
import { AppError } from "../../../app/utils/errors";
import { createTestUser } from "../../factories";
import { makeRequest, run, sessionCookie } from "../../setup/remix";

const tokenFromOutbox = async (to: string) => {
  const row = await getDb().selectFrom("outbox").select(["text", "template"]).where("to_address", "=", to).orderBy("id", "desc").executeTakeFirstOrThrow();
  expect(row.template).toBe("reset-password");
  const m = /http:\/\/localhost:3000\/reset-password\/([A-Za-z0-9_-]+)/.exec(row.text);
  if (!m) throw new Error(`no reset link in ${row.text}`);
  return m[1];
};
const mailCount = async (to: string) =>
  Number((await getDb().selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("n")).where("to_address", "=", to).executeTakeFirstOrThrow()).n);

describe("password reset", () => {
  it("gives the same answer for a known and an unknown address, and mails only the known one", async () => {
    const u = await createTestUser(getDb(), { email: "reset-known@example.org" });
    const known = await run(forgot.action, makeRequest("/forgot-password", { form: { email: "Reset-Known@example.org" } }));
    const unknown = await run(forgot.action, makeRequest("/forgot-password", { form: { email: "reset-unknown@example.org" } }));
    expect(known.status).toBe(302);
    expect(unknown.status).toBe(known.status);
    expect(unknown.location).toBe(known.location);
    expect(known.location).toBe("/check-mail?for=reset");
    expect(await mailCount(u.email)).toBe(1);
    expect(await mailCount("reset-unknown@example.org")).toBe(0);
  });

  it("resets with a link that works once, ends all sessions and lets the new password in", async () => {
    const u = await createTestUser(getDb(), { email: "reset-flow@example.org" });
    const s1 = await sessionCookie(u.id);
    const s2 = await sessionCookie(u.id);
    await run(forgot.action, makeRequest("/forgot-password", { form: { email: u.email } }));
    const token = await tokenFromOutbox(u.email);
    // The token is stored hashed only.
    expect(await getDb().selectFrom("email_token").select("token_hash").where("token_hash", "=", token).executeTakeFirst()).toBeUndefined();

    const page = await run(reset.loader, makeRequest(`/reset-password/${token}`), { token });
    expect(page.data).toEqual({ valid: true });

    const form = { password: "ganz neues passwort", passwordRepeat: "ganz neues passwort" };
    const ok = await run(reset.action, makeRequest(`/reset-password/${token}`, { form }), { token });
    expect(ok.status).toBe(302);
    expect(ok.location).toBe("/login");

    for (const cookie of [s1, s2]) expect((await run(me.loader, makeRequest("/me", { cookie }))).status).toBe(302);
    expect(await getDb().selectFrom("session").select("id").where("user_id", "=", u.id).execute()).toEqual([]);

    const again = await run(reset.action, makeRequest(`/reset-password/${token}`, { form: { password: "noch ein passwort", passwordRepeat: "noch ein passwort" } }), { token });
    expect(again.status).toBe(400);
    expect(again.data.error[""]).toEqual(["errors.linkInvalid"]);
    expect((await run(reset.loader, makeRequest(`/reset-password/${token}`), { token })).data).toEqual({ valid: false });

    const oldPw = await run(login.action, makeRequest("/login", { form: { email: u.email, password: u.password } }), {}, { clientIp: "10.9.0.1" });
    expect(oldPw.status).toBe(400);
    const newPw = await run(login.action, makeRequest("/login", { form: { email: u.email, password: "ganz neues passwort" } }), {}, { clientIp: "10.9.0.1" });
    expect(newPw.status).toBe(302);
  });

  it("expires after one hour", async () => {
    const u = await createTestUser(getDb(), { email: "reset-expiry@example.org" });
    const t0 = new Date("2026-06-01T08:00:00Z");
    await requestPasswordReset({ email: u.email, now: t0 });
    const token = await tokenFromOutbox(u.email);
    expect(await isResetTokenValid(token, new Date(t0.getTime() + 59 * 60_000))).toBe(true);
    expect(await isResetTokenValid(token, new Date(t0.getTime() + 60 * 60_000))).toBe(false);
    const hashBefore = (await getDb().selectFrom("user").select("password_hash").where("id", "=", u.id).executeTakeFirstOrThrow()).password_hash;
    const late = resetPassword({ token, password: "zu spaet gekommen", now: new Date(t0.getTime() + 61 * 60_000) });
    await expect(late).rejects.toBeInstanceOf(AppError);
    await expect(late).rejects.toMatchObject({ key: "errors.linkInvalid" });
    const row = await getDb().selectFrom("user").select("password_hash").where("id", "=", u.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toBe(hashBefore);
    // Still inside the hour it works.
    await requestPasswordReset({ email: u.email, now: t0 });
    const fresh = await tokenFromOutbox(u.email);
    await expect(resetPassword({ token: fresh, password: "rechtzeitig da", now: new Date(t0.getTime() + 30 * 60_000) })).resolves.toBe(u.id);
  });

  it("a newer link replaces the older one", async () => {
    const u = await createTestUser(getDb(), { email: "reset-twice@example.org" });
    await requestPasswordReset({ email: u.email });
    const first = await tokenFromOutbox(u.email);
    await requestPasswordReset({ email: u.email });
    const second = await tokenFromOutbox(u.email);
    expect(second).not.toBe(first);
    expect(await isResetTokenValid(first)).toBe(false);
    expect(await isResetTokenValid(second)).toBe(true);
  });

  it("refuses a malformed token with 404 and shows an invalid link for a wrong one", async () => {
    const bad = await run(reset.action, makeRequest("/reset-password/x'--", { form: { password: "ganz neues passwort", passwordRepeat: "ganz neues passwort" } }), { token: "x'--" });
    expect(bad.status).toBe(404);
    const wrong = "A".repeat(27);
    expect((await run(reset.loader, makeRequest(`/reset-password/${wrong}`), { token: wrong })).data).toEqual({ valid: false });
  });

  it("sends no link for a disabled account", async () => {
    const u = await createTestUser(getDb(), { email: "reset-disabled@example.org" });
    await getDb().updateTable("user").set({ disabled_at: new Date().toISOString() }).where("id", "=", u.id).execute();
    const res = await run(forgot.action, makeRequest("/forgot-password", { form: { email: u.email } }));
    expect(res.location).toBe("/check-mail?for=reset");
    expect(await mailCount(u.email)).toBe(0);
  });
});
