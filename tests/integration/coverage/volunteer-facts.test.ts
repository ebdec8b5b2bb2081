/**
 * The facts table (`volunteer_fact`, ADR 0019) follows every command that changes what a fact is
 * derived from, in the command's transaction, and the day changing (the daily job); and whatever
 * the way it got there, it equals the facts computed afresh from the rules of `policy.ts`.
 */
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../app/auth/permissions";
import { closeAssignment, createAssignment } from "../../../app/modules/coverage/assignments.server";
import { recordInspection } from "../../../app/modules/coverage/certificates.server";
import { decideHours } from "../../../app/modules/coverage/hours.server";
import { computeVolunteerFacts, ensureVolunteerFacts } from "../../../app/modules/coverage/volunteer-facts.server";
import { runDailyJobs } from "../../../app/modules/jobs/daily.server";
import { eraseOwnData } from "../../../app/modules/volunteers/personal-data.server";
import { addDaysToDay, addYearsToDay, berlinDay } from "../../../app/utils/dates";
import { getDb, getEngine } from "../../../app/utils/db.server";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";
import { createTestHours } from "../../factories/coverage";

const now = new Date();
const today = berlinDay(now);
const day = (n: number) => addDaysToDay(today, n);

let office: Actor;
let city: number;
let field: number;

const actorOf = (u: { id: string; email: string; name?: string }, roles: Actor["roles"]): Actor => ({
  userId: u.id,
  email: u.email,
  name: u.name ?? "Koordination",
  locale: "de",
  emailVerified: true,
  roles,
  organisationIds: [],
});

async function factOf(userId: string) {
  return getDb().selectFrom("volunteer_fact").selectAll().where("user_id", "=", userId).executeTakeFirst();
}

/** The stored facts of everyone equal the facts computed afresh for the day the table is for. */
async function expectTableMatchesRules(forDay: string) {
  const stored = await getDb().selectFrom("volunteer_fact").selectAll().orderBy("user_id").execute();
  const fresh = (await computeVolunteerFacts(getDb(), forDay, null)).sort((a, b) => (a.user_id < b.user_id ? -1 : 1));
  expect(stored).toEqual(fresh);
}

beforeAll(async () => {
  const db = getDb();
  const c = await createTestUser(db, { roles: ["coordinator"] });
  office = actorOf(c, ["coordinator"]);
  city = (await createTestOrganisation(db, { legalForm: "city" })).id;
  field = (await db.selectFrom("field_of_action").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
  await ensureVolunteerFacts(today);
});

const assignment = (volunteerId: string, o: { startDay?: string; endDay?: string; worksWithMinors?: boolean } = {}) =>
  createAssignment(
    office,
    { volunteerId, activity: "Sprachcafé", fieldOfActionId: field, organisationId: city, startDay: o.startDay ?? day(-30), endDay: o.endDay, documentRef: "AZ 1/2026", worksWithMinors: o.worksWithMinors ?? false },
    now,
  );

describe("the facts follow the commands at once", () => {
  it("a new assignment insures, closing it ends the cover", async () => {
    const v = await createTestVolunteer(getDb(), { status: "active" });
    expect(await factOf(v.id)).toBeUndefined();
    const id = await assignment(v.id);
    expect(await factOf(v.id)).toMatchObject({ insured_today: 1, certificate_state: "notNeeded", computed_for_day: today });
    await closeAssignment(office, id, { closedOn: day(-1), reason: "Ende" }, now);
    expect((await factOf(v.id))?.insured_today).toBe(0);
    await expectTableMatchesRules(today);
  });

  it("an assignment with minors needs a certificate; an inspection makes it valid", async () => {
    const v = await createTestVolunteer(getDb(), { status: "active" });
    await assignment(v.id, { worksWithMinors: true });
    expect(await factOf(v.id)).toMatchObject({ certificate_state: "missing", latest_inspection_id: null });
    const inspection = await recordInspection(office, { volunteerId: v.id, inspected: "yes", certificateDate: day(-10), relevantConviction: "no", inspectedOn: day(-1) }, today, now);
    expect(await factOf(v.id)).toMatchObject({ certificate_state: "valid", latest_inspection_id: inspection, inspection_state: "valid", inspection_rank: 4 });
    await expectTableMatchesRules(today);
  });

  it("a confirmed hours entry counts for the Ehrenamtskarte", async () => {
    const v = await createTestVolunteer(getDb(), { status: "active" });
    const a = await assignment(v.id, { startDay: day(-360) });
    // 240 confirmed hours over most of a year (below the weekly average); the waiting entry's
    // confirmation makes the 250 of the year.
    for (let i = 0; i < 10; i++) await createTestHours(getDb(), { assignmentId: a, day: day(-350 + 10 * i), hours: 24, status: "confirmed" });
    const waiting = (await createTestHours(getDb(), { assignmentId: a, day: day(-2), hours: 10, status: "submitted" })).id;
    expect(await factOf(v.id)).toMatchObject({ ehrenamtskarte_eligible: 0, karte_hours: 240 });
    await decideHours(office, { intent: "confirm", entryId: waiting }, now);
    expect(await factOf(v.id)).toMatchObject({ ehrenamtskarte_eligible: 1, karte_hours: 250 });
    await expectTableMatchesRules(today);
  });

  it("an erasure closes the assignments and drops the certificate record", async () => {
    const u = await createTestVolunteer(getDb(), { status: "active" });
    await assignment(u.id, { worksWithMinors: true, startDay: day(-5) });
    await recordInspection(office, { volunteerId: u.id, inspected: "yes", certificateDate: day(-10), relevantConviction: "no", inspectedOn: day(-1) }, today, now);
    expect(await factOf(u.id)).toMatchObject({ insured_today: 1, certificate_state: "valid" });
    const self = await getDb().selectFrom("user").select(["id", "email", "name"]).where("id", "=", u.id).executeTakeFirstOrThrow();
    await eraseOwnData(actorOf(self, ["volunteer"]), now);
    // Closed as of today (today still counts, so a certificate is still needed today); the record is gone.
    expect(await factOf(u.id)).toMatchObject({ insured_today: 1, latest_inspection_id: null, certificate_state: "missing" });
    await expectTableMatchesRules(today);
  });
});

describe("the facts follow the date", () => {
  it("the daily job moves every row to the new day: an ended assignment no longer insures, a certificate falls due", async () => {
    const ending = await createTestVolunteer(getDb(), { status: "active" });
    await assignment(ending.id, { endDay: today });
    const due = await createTestVolunteer(getDb(), { status: "active" });
    await assignment(due.id, { worksWithMinors: true, startDay: addYearsToDay(today, -5) });
    // Re-inspection is due 5 years after the certificate's date: tomorrow is that day.
    await recordInspection(office, { volunteerId: due.id, inspected: "yes", certificateDate: addYearsToDay(day(1), -5), relevantConviction: "no", inspectedOn: addYearsToDay(day(1), -5) }, today, now);
    expect((await factOf(ending.id))?.insured_today).toBe(1);
    expect((await factOf(due.id))?.inspection_state).toBe("dueSoon");

    const tomorrow = new Date(now.getTime() + 86_400_000);
    const results = await runDailyJobs({ now: tomorrow, force: true });
    expect(results?.["volunteer-facts"]).toBeGreaterThan(0);
    expect(await factOf(ending.id)).toMatchObject({ insured_today: 0, computed_for_day: day(1) });
    expect(await factOf(due.id)).toMatchObject({ inspection_state: "overdue", certificate_state: "expired", inspection_rank: 1 });
    const days = await getDb().selectFrom("volunteer_fact").select("computed_for_day").distinct().execute();
    expect(days.map((d) => d.computed_for_day)).toEqual([day(1)]);
    await expectTableMatchesRules(day(1));
  });

  it("a reader on another day than the table's recomputes it first", async () => {
    const v = await createTestVolunteer(getDb(), { status: "active" });
    await assignment(v.id, { endDay: day(2) });
    await ensureVolunteerFacts(day(3));
    expect(await factOf(v.id)).toMatchObject({ insured_today: 0, computed_for_day: day(3) });
    await ensureVolunteerFacts(today);
    expect(await factOf(v.id)).toMatchObject({ insured_today: 1, computed_for_day: today });
    await expectTableMatchesRules(today);
  });

  // PostgreSQL only (why: planner statistics after the rewrite are a PostgreSQL mechanism; SQLite gets
  // no `analyze` by design, see statisticsAfterRewrite). `.ci/run` always runs the PostgreSQL pass.
  // Skipped on SQLite (reason): planner statistics are PostgreSQL's; the PostgreSQL pass runs it.
  it.runIf(getEngine() === "postgres")("PostgreSQL: the rewrite leaves planner statistics of the new rows (autovacuum may be off or minutes away)", async () => {
    // pg_class.reltuples is written by ANALYZE in its transaction; inserts alone leave it as it was.
    const reltuples = async () =>
      Number((await sql<{ n: number }>`select reltuples as n from pg_class where oid = 'volunteer_fact'::regclass`.execute(getDb())).rows[0].n);
    const v = await createTestVolunteer(getDb(), { status: "active" });
    await assignment(v.id);
    await ensureVolunteerFacts(day(4));
    const rows = Number((await getDb().selectFrom("volunteer_fact").select((e) => e.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    expect(rows).toBeGreaterThan(0);
    expect(await reltuples()).toBe(rows);
    await ensureVolunteerFacts(today);
  });

  // Skipped on SQLite (reason): the visibility map and index-only scans are PostgreSQL's; SQLite has neither, and vacuumAfterRewrite does nothing there. `.ci/run` always runs the PostgreSQL pass.
  it.runIf(getEngine() === "postgres")("PostgreSQL: after a rewrite (a reader's or the daily job's) an index-only scan of the facts reads the index alone", async () => {
    // The rows an index-only scan had to look up in the table: 0 once vacuum has marked the pages
    // all-visible. Written rows not yet vacuumed are each looked up (without vacuumAfterRewrite, as many as there are rows).
    const heapFetches = async () => {
      return await getDb()
        .connection()
        .execute(async (conn) => {
          await sql`set enable_seqscan = off`.execute(conn);
          await sql`set enable_bitmapscan = off`.execute(conn);
          try {
            const plan = await sql<{ "QUERY PLAN": string }>`explain (analyze, timing off, costs off) select user_id from volunteer_fact where insured_today = 1`.execute(conn);
            const text = plan.rows.map((r) => r["QUERY PLAN"]).join("\n");
            expect(text).toContain("Index Only Scan");
            return Number(/Heap Fetches: (\d+)/.exec(text)![1]);
          } finally {
            await sql`reset enable_seqscan`.execute(conn);
            await sql`reset enable_bitmapscan`.execute(conn);
          }
        });
    };
    const v = await createTestVolunteer(getDb(), { status: "active" });
    await assignment(v.id);
    await ensureVolunteerFacts(day(5));
    await ensureVolunteerFacts(today);
    expect(await factOf(v.id)).toMatchObject({ insured_today: 1, computed_for_day: today });
    expect(await heapFetches()).toBe(0);

    const results = await runDailyJobs({ now: new Date(now.getTime() + 86_400_000), force: true });
    expect(results?.["volunteer-facts"]).toBeGreaterThan(0);
    expect(await heapFetches()).toBe(0);
    await ensureVolunteerFacts(today);
  });
});
