import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { authenticate } from "../../../app/modules/accounts/commands.server";
import * as login from "../../../app/routes/login";
import { getFixedT } from "../../../app/i18n/i18next.server";
import { getDb } from "../../../app/utils/db.server";
import { createTestUser } from "../../factories";
import { makeRequest, run } from "../../setup/remix";
import { withEnv } from "../helpers";

const attempt = (email: string, password: string, ip: string) =>
  run(login.action, makeRequest("/login", { form: { email, password } }), {}, { clientIp: ip });
const formErrors = (res: { data: any }) => res.data.error?.[""] as string[];

let restore: () => void;
beforeEach(() => {
  restore = withEnv({ LOGIN_MAX_FAILURES_PER_ACCOUNT: "3", LOGIN_MAX_FAILURES_PER_IP: "5", LOGIN_WINDOW_MINUTES: "10" });
});
afterEach(() => restore());

describe("login throttling", () => {
  it("locks an account after LOGIN_MAX_FAILURES_PER_ACCOUNT failures, even for the right password, from any IP", async () => {
    const u = await createTestUser(getDb(), { email: "locked@example.org" });
    for (let i = 0; i < 3; i++) {
      const r = await attempt(u.email, "wrong password", `10.1.0.${i}`);
      expect(formErrors(r)).toEqual(["errors.invalidCredentials"]);
    }
    const blocked = await attempt(u.email, u.password, "10.1.0.99");
    expect(blocked.status).toBe(400);
    expect(formErrors(blocked)).toEqual(['errors.loginThrottled|{"count":10}']);
    expect(blocked.headers.getSetCookie().some((c) => c.startsWith("eh_session="))).toBe(false);
    // A throttled attempt does not even reach the password check: nothing is recorded for it.
    const rows = await getDb().selectFrom("login_attempt").select("succeeded").where("email", "=", u.email).execute();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.succeeded === 0)).toBe(true);
  });

  it("answers an unknown address exactly like a known one (no enumeration)", async () => {
    const known = await createTestUser(getDb(), { email: "known-throttle@example.org" });
    for (let i = 0; i < 3; i++) {
      await attempt(known.email, "nope nope", `10.2.0.${i}`);
      await attempt("ghost@example.org", "nope nope", `10.3.0.${i}`);
    }
    const a = await attempt(known.email, "nope nope", "10.2.1.1");
    const b = await attempt("ghost@example.org", "nope nope", "10.3.1.1");
    expect(a.status).toBe(b.status);
    expect(formErrors(a)).toEqual(formErrors(b));
    expect(formErrors(b)[0]).toMatch(/^errors\.loginThrottled\|/);
  });

  it("locks an IP after LOGIN_MAX_FAILURES_PER_IP failures across accounts, other IPs stay free", async () => {
    const victim = await createTestUser(getDb(), { email: "ip-victim@example.org" });
    for (let i = 0; i < 5; i++) await attempt(`spray${i}@example.org`, "guess guess", "192.0.2.77");
    const fromSprayer = await attempt(victim.email, victim.password, "192.0.2.77");
    expect(formErrors(fromSprayer)).toEqual(['errors.loginThrottled|{"count":10}']);
    const fromElsewhere = await attempt(victim.email, victim.password, "192.0.2.78");
    expect(fromElsewhere.status).toBe(302);
  });

  it("a burst of parallel guesses gets no more password checks than the limit allows", async () => {
    const u = await createTestUser(getDb(), { email: "burst@example.org" });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(u.email, `guess number ${i}`, `10.5.0.${i}`)));
    const answers = results.map((r) => formErrors(r)[0].split("|")[0]);
    expect(answers.filter((a) => a === "errors.invalidCredentials")).toHaveLength(3);
    expect(answers.filter((a) => a === "errors.loginThrottled")).toHaveLength(9);
    const recorded = await getDb().selectFrom("login_attempt").select("succeeded").where("email", "=", u.email).execute();
    expect(recorded).toHaveLength(3);
  });

  it("counts only failures inside the window and tells how many minutes are left", async () => {
    const u = await createTestUser(getDb(), { email: "window@example.org" });
    const t0 = new Date("2026-05-04T10:00:00Z");
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    for (const m of [0, 1, 2]) {
      const r = await authenticate({ email: u.email, password: "bad bad bad", ip: "198.51.100.1", locale: "de", now: at(m) });
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await authenticate({ email: u.email, password: u.password, ip: "198.51.100.2", locale: "de", now: at(3) })).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterMinutes: 7,
    });
    expect(await authenticate({ email: u.email, password: u.password, ip: "198.51.100.2", locale: "de", now: at(9.5) })).toMatchObject({
      reason: "throttled",
      retryAfterMinutes: 1,
    });
    // After the oldest failure left the window only two remain: the right password works again.
    expect(await authenticate({ email: u.email, password: u.password, ip: "198.51.100.2", locale: "de", now: at(10.5) })).toEqual({ ok: true, userId: u.id });
  });

  it("has a message in every language that shows the minutes the route passes", async () => {
    const u = await createTestUser(getDb(), { email: "message@example.org" });
    for (let i = 0; i < 3; i++) await attempt(u.email, "wrong wrong", "10.4.0.1");
    const [message] = formErrors(await attempt(u.email, "wrong wrong", "10.4.0.2"));
    const [key, json] = message.split("|");
    expect(key).toBe("errors.loginThrottled");
    const values = JSON.parse(json) as Record<string, number>;
    const [name] = Object.keys(values);
    expect(values[name]).toBe(10);
    // Rendered as the page renders it, in every language (plural forms included).
    for (const lang of ["de", "en", "ar", "uk"]) {
      const t = await getFixedT(lang, "common");
      const text = t(key, values);
      expect(text, lang).not.toBe(key);
      expect(text, lang).toContain("10");
      expect(t(key, { [name]: 1 }), lang).not.toBe(key);
    }
  });
});
