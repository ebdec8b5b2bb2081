import { describe, expect, it } from "vitest";
import { runDailyJobs } from "../../../app/modules/jobs/daily.server";
import { getDb } from "../../../app/utils/db.server";
import { createTestUser } from "../../factories";

const DAY = 86_400_000;
const runKeys = async () => (await getDb().selectFrom("job_run").select("run_key").where("job", "=", "daily").orderBy("run_key").execute()).map((r) => r.run_key);

describe("daily job", () => {
  it("runs once per Berlin day, with the day boundary at Berlin midnight across the DST change", async () => {
    await getDb().deleteFrom("job_run").execute();
    const at = (iso: string) => runDailyJobs({ now: new Date(iso) });
    // Saturday 28 March 2026, 23:30 CET
    expect(await at("2026-03-28T22:30:00Z")).not.toBeNull();
    expect(await at("2026-03-28T22:55:00Z")).toBeNull();
    // 00:30 CET on Sunday 29 March: a new Berlin day although UTC still says the 28th.
    expect(await at("2026-03-28T23:30:00Z")).not.toBeNull();
    // 01:30 CET the same Sunday (UTC says the 29th now): same Berlin day, no second run.
    expect(await at("2026-03-29T00:30:00Z")).toBeNull();
    // After the switch to CEST, Berlin midnight is 22:00 UTC.
    expect(await at("2026-03-29T21:59:00Z")).toBeNull();
    expect(await at("2026-03-29T22:00:00Z")).not.toBeNull();
    // Autumn: back to CET on 25 October.
    expect(await at("2026-10-24T22:00:00Z")).not.toBeNull();
    expect(await at("2026-10-25T22:59:00Z")).toBeNull();
    expect(await at("2026-10-25T23:00:00Z")).not.toBeNull();
    expect(await runKeys()).toEqual(["2026-03-28", "2026-03-29", "2026-03-30", "2026-10-25", "2026-10-26"]);
    const finished = await getDb().selectFrom("job_run").select("finished_at").execute();
    expect(finished.every((r) => r.finished_at !== null)).toBe(true);
  });

  it("deletes expired sessions, old login attempts and stale tokens, and keeps fresh ones", async () => {
    const db = getDb();
    const now = new Date("2026-06-15T03:00:00Z");
    const iso = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();
    const u = await createTestUser(db);
    await db
      .insertInto("session")
      .values([
        { id: "expired-session-000000000000", user_id: u.id, expires_at: iso(-60_000), created_at: iso(-15 * DAY) },
        { id: "live-session-00000000000000000", user_id: u.id, expires_at: iso(60_000), created_at: iso(-13 * DAY) },
      ])
      .execute();
    await db
      .insertInto("login_attempt")
      .values([
        { email: "old@example.org", ip: "10.0.0.1", succeeded: 0, created_at: iso(-31 * DAY) },
        { email: "recent@example.org", ip: "10.0.0.1", succeeded: 0, created_at: iso(-29 * DAY) },
      ])
      .execute();
    const token = (hash: string, expiresAt: string) => ({
      token_hash: hash,
      user_id: u.id,
      purpose: "verify_email" as const,
      new_email: null,
      expires_at: expiresAt,
      used_at: null,
      created_at: iso(-30 * DAY),
    });
    await db
      .insertInto("email_token")
      .values([token("stale", iso(-8 * DAY)), token("recently-expired", iso(-6 * DAY)), token("valid", iso(DAY))])
      .execute();

    const result = await runDailyJobs({ now, force: true });
    expect(result).toMatchObject({ "expired-sessions": 1, "old-login-attempts": 1, "stale-email-tokens": 1 });

    expect((await db.selectFrom("session").select("id").where("user_id", "=", u.id).execute()).map((r) => r.id)).toEqual(["live-session-00000000000000000"]);
    expect((await db.selectFrom("login_attempt").select("email").execute()).map((r) => r.email)).toEqual(["recent@example.org"]);
    expect((await db.selectFrom("email_token").select("token_hash").where("user_id", "=", u.id).orderBy("token_hash").execute()).map((r) => r.token_hash)).toEqual([
      "recently-expired",
      "valid",
    ]);
  });

  it("force runs again on a day that already ran", async () => {
    const now = new Date("2026-07-01T10:00:00Z");
    expect(await runDailyJobs({ now })).not.toBeNull();
    expect(await runDailyJobs({ now })).toBeNull();
    expect(await runDailyJobs({ now, force: true })).not.toBeNull();
  });
});
