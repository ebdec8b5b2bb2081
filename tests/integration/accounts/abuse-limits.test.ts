import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import { hashSessionToken } from "../../../app/auth/sessions.server";
import { requestPasswordReset, registerUser, changePassword, requestEmailChange } from "../../../app/modules/accounts/commands.server";
import * as org from "../../../app/routes/office.organisations.$id";
import { createTestOrganisation, createTestUser } from "../../factories";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { AppError } from "../../../app/utils/errors";

const mailsTo = async (to: string, template: string) =>
  Number((await getDb().selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("n")).where("to_address", "=", to).where("template", "=", template).executeTakeFirstOrThrow()).n);

describe("limits against abuse of public forms", () => {
  it("sends at most three reset mails per address and hour, then resumes", async () => {
    const u = await createTestUser(getDb(), { email: "bombed@example.org" });
    const t0 = new Date("2026-11-21T10:00:00Z");
    for (let i = 0; i < 6; i++) await requestPasswordReset({ email: u.email, now: new Date(t0.getTime() + i * 60_000) });
    expect(await mailsTo(u.email, "reset-password")).toBe(3);
    await requestPasswordReset({ email: u.email, now: new Date(t0.getTime() + 61 * 60_000) });
    expect(await mailsTo(u.email, "reset-password")).toBe(4);
  });

  it("sends at most three 'you already have an account' mails per address and hour", async () => {
    const u = await createTestUser(getDb(), { email: "known-bomb@example.org" });
    for (let i = 0; i < 5; i++) await registerUser({ name: "Someone", email: u.email, password: "lange genug 123", locale: "de" });
    expect(await mailsTo(u.email, "register-existing")).toBe(3);
  });

  it("throttles guesses of the current password in the account forms like logins", async () => {
    const u = await createTestUser(getDb(), { email: "guess@example.org", password: "richtiges passwort" });
    const now = new Date();
    const attempt = (pw: string) => changePassword({ userId: u.id, currentPassword: pw, password: "ein neues passwort", ip: "10.9.9.9", now });
    for (let i = 0; i < 5; i++) await expect(attempt(`falsch ${i}`)).rejects.toMatchObject({ key: "errors.wrongPassword", field: "currentPassword" });
    const blocked = await attempt("richtiges passwort").catch((e: AppError) => e);
    expect(blocked).toBeInstanceOf(AppError);
    expect((blocked as AppError).key).toBe("errors.loginThrottled");
    expect((blocked as AppError).values?.count).toBeGreaterThan(0);
    await expect(requestEmailChange({ userId: u.id, newEmail: "neu@example.org", currentPassword: "richtiges passwort", ip: "10.9.9.8", now })).rejects.toMatchObject({
      key: "errors.loginThrottled",
    });
    // The password was not changed by the blocked attempt.
    const row = await getDb().selectFrom("user").select("updated_at").where("id", "=", u.id).executeTakeFirstOrThrow();
    expect(row.updated_at).toBe((await getDb().selectFrom("user").select("created_at").where("id", "=", u.id).executeTakeFirstOrThrow()).created_at);
  });
});

describe("removing organisation members", () => {
  it("answers 404 and ends no sessions for someone who is not a member", async () => {
    const office = await createTestUser(getDb(), { roles: ["coordinator"] });
    const stranger = await createTestUser(getDb(), { roles: ["admin"] });
    const { id } = await createTestOrganisation(getDb());
    const strangerCookie = await sessionCookie(stranger.id);
    const before = await getDb().selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const res = await run(org.action, makeRequest(`/office/organisations/${id}`, { form: { intent: "remove-member", userId: stranger.id }, cookie: await sessionCookie(office.id) }), { id: String(id) });
    expect(res.status).toBe(404);
    const sessions = await getDb().selectFrom("session").select("id").where("user_id", "=", stranger.id).execute();
    expect(sessions.map((s) => s.id)).toContain(hashSessionToken(strangerCookie.split("=")[1]));
    const after = await getDb().selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
