/**
 * Silence detection in the daily job, with a fixed clock: after the programme's silence days a
 * friendly nudge to the sponsor (once per silence, also when the job runs again), after a second
 * period one office inbox item; a logged meeting starts a new silence. And the inbox's check-ins.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runDailyJobs } from "../../../app/modules/jobs/daily.server";
import { listInbox } from "../../../app/modules/office/inbox.server";
import { detectSilentTandems } from "../../../app/modules/sponsorships/tandem-silence.server";
import { getDb, transaction } from "../../../app/utils/db.server";
import type { Actor } from "../../../app/auth/permissions";
import { createTestUser, createTestVolunteer } from "../../factories";
import { createTestProgramme, createTestTandem } from "../../factories/tandems";

const db = () => getDb();
// Fixed clock: noon UTC, so the Berlin day is the same date.
const at = (day: string) => new Date(`${day}T11:00:00.000Z`);
const run = (day: string) => transaction((trx) => detectSilentTandems(trx, at(day)));
const nudges = async (email: string) => (await db().selectFrom("outbox").select("template").where("to_address", "=", email).where("template", "=", "tandem-silence-nudge").execute()).length;
let sponsor: { id: string; email: string };
let coordinator: Actor;

beforeAll(async () => {
  const v = await createTestVolunteer(db(), { status: "active", name: "Stella Still", email: "stella@example.org", locale: "uk" });
  sponsor = { id: v.id, email: (await db().selectFrom("user").select("email").where("id", "=", v.id).executeTakeFirstOrThrow()).email };
  const c = await createTestUser(db(), { roles: ["coordinator"] });
  coordinator = { userId: c.id, email: "c@example.org", name: "Koordination", locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] };
});

describe("silence detection (fixed clock)", () => {
  it("nudges once after 28 days, tells the office once after 56, and a meeting starts a new silence", async () => {
    const p = await createTestProgramme(db(), { silenceDays: 28 });
    const { id } = await createTestTandem(db(), sponsor.id, { programmeId: p.id, status: "active", firstMeetingAt: "2026-01-05T15:00:00.000Z", trialEndsOn: "2026-02-16", nextCheckInOn: "2026-06-01", lastMeetingOn: "2026-03-01" });
    const state = () => db().selectFrom("tandem").select(["nudged_on", "office_alerted_on"]).where("id", "=", id).executeTakeFirstOrThrow();

    await run("2026-03-28"); // 27 days
    expect(await nudges(sponsor.email)).toBe(0);
    await run("2026-03-29"); // 28 days
    expect(await nudges(sponsor.email)).toBe(1);
    expect(await state()).toEqual({ nudged_on: "2026-03-29", office_alerted_on: null });
    // never twice: the same day again, and the days after
    await run("2026-03-29");
    await run("2026-04-10");
    expect(await nudges(sponsor.email)).toBe(1);
    const mail = await db().selectFrom("outbox").select(["locale", "text"]).where("to_address", "=", sponsor.email).executeTakeFirstOrThrow();
    expect(mail.locale).toBe("uk");
    expect(mail.text).toContain(`/me/sponsorships/${id}`);

    expect((await listInbox(coordinator, at("2026-04-20"))).items.some((i) => i.id === `tandem-silent-${id}`)).toBe(false);
    await run("2026-04-25"); // 55 days
    expect((await state()).office_alerted_on).toBeNull();
    await run("2026-04-26"); // 56 days
    expect((await state()).office_alerted_on).toBe("2026-04-26");
    await run("2026-05-10");
    const kinds = (await db().selectFrom("tandem_event").select("kind").where("tandem_id", "=", id).orderBy("id").execute()).map((e) => e.kind);
    expect(kinds).toEqual(["silence_nudge", "silence_office"]);
    const inbox = await listInbox(coordinator, at("2026-05-10"));
    const item = inbox.items.find((i) => i.id === `tandem-silent-${id}`);
    expect(item).toMatchObject({ module: "sponsorships", severity: "urgent", href: `/office/sponsorships/tandems/${id}` });

    // a meeting is logged: the office item goes; a new silence nudges again later
    await db().updateTable("tandem").set({ last_meeting_on: "2026-05-12" }).where("id", "=", id).execute();
    expect((await listInbox(coordinator, at("2026-05-13"))).items.some((i) => i.id === `tandem-silent-${id}`)).toBe(false);
    await run("2026-06-08"); // 27 days after the meeting
    expect(await nudges(sponsor.email)).toBe(1);
    await run("2026-06-09");
    expect(await nudges(sponsor.email)).toBe(2);
  });

  it("runs as a task of the daily job and leaves tandems that do not run alone", async () => {
    const waiting = await createTestTandem(db(), sponsor.id, { status: "first_meeting", startedOn: "2026-01-01" });
    const ended = await createTestTandem(db(), sponsor.id, { status: "ended", firstMeetingAt: "2026-01-05T15:00:00.000Z", lastMeetingOn: "2026-01-10" });
    const silent = await createTestTandem(db(), sponsor.id, { status: "trial", firstMeetingAt: "2026-07-01T15:00:00.000Z", trialEndsOn: "2026-08-12" });
    const results = await runDailyJobs({ now: at("2026-08-05"), force: true });
    expect(results!["tandem-silence"]).toBeGreaterThanOrEqual(1);
    const rows = await db().selectFrom("tandem").select(["id", "nudged_on"]).where("id", "in", [waiting.id, ended.id, silent.id]).orderBy("id").execute();
    expect(rows.map((r) => r.nudged_on)).toEqual([null, null, "2026-08-05"]);
  });

  it("the inbox lists trial check-ins (by time or by meetings) and regular check-ins that are due", async () => {
    const p = await createTestProgramme(db(), { trialMeetings: 2 });
    const byTime = await createTestTandem(db(), sponsor.id, { programmeId: p.id, status: "trial", firstMeetingAt: "2026-09-01T15:00:00.000Z", trialEndsOn: "2026-10-13", lastMeetingOn: "2026-10-10" });
    const byMeetings = await createTestTandem(db(), sponsor.id, { programmeId: p.id, status: "trial", firstMeetingAt: "2026-10-01T15:00:00.000Z", trialEndsOn: "2026-11-12", lastMeetingOn: "2026-10-12" });
    for (const day of ["2026-10-05", "2026-10-12"]) await db().insertInto("tandem_meeting").values({ tandem_id: byMeetings.id, day, minutes: 60, kind: "meeting", topics: "", note: null, logged_by: null, logged_at: new Date().toISOString(), confirmed_at: null, hours_entry_id: null }).execute();
    const notYet = await createTestTandem(db(), sponsor.id, { programmeId: p.id, status: "trial", firstMeetingAt: "2026-10-10T15:00:00.000Z", trialEndsOn: "2026-11-21", lastMeetingOn: "2026-10-12" });
    const checkIn = await createTestTandem(db(), sponsor.id, { programmeId: p.id, status: "active", firstMeetingAt: "2026-01-10T15:00:00.000Z", nextCheckInOn: "2026-10-14", lastMeetingOn: "2026-10-12" });
    const ids = (await listInbox(coordinator, at("2026-10-15"))).items.flatMap((i) => [i.id, ...(i.children ?? []).map((c) => c.id)]);
    expect(ids).toContain(`tandem-trial-${byTime.id}`);
    expect(ids).toContain(`tandem-trial-${byMeetings.id}`);
    expect(ids).not.toContain(`tandem-trial-${notYet.id}`);
    expect(ids).toContain(`tandem-checkin-${checkIn.id}`);
  });
});
