/**
 * DSGVO for the coverage module: the export (Art. 15) holds assignments, hours and the § 72a
 * facts; an erasure request (Art. 17) closes running assignments, keeps the name on them as
 * insurance evidence for the configured years (then the daily job deletes it), removes notes on
 * hours and deletes certificate records at once.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import { addDaysToDay, addYearsToDay, berlinDay } from "../../../app/utils/dates";
import * as meData from "../../../app/routes/me.daten";
import * as meExport from "../../../app/routes/me.daten[.]json";
import * as assignmentPage from "../../../app/routes/office.assignments.$id";
import * as helpers from "../../../app/routes/office.assignments.helpers";
import * as coverage from "../../../app/routes/office.coverage";
import * as newAssignment from "../../../app/routes/office.assignments.new";
import { runDailyJobs } from "../../../app/modules/jobs/daily.server";
import { ERASURE_CLOSE_CODE } from "../../../app/modules/coverage/close-reason";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";
import { createTestAssignment, createTestHours, createTestInspection } from "../../factories/coverage";
import { withEnv } from "../helpers";

const today = berlinDay(new Date());
const day = (n: number) => addDaysToDay(today, n);
let coordinator: { id: string; cookie: string };
let org: number;

beforeAll(async () => {
  const c = await createTestUser(getDb(), { roles: ["coordinator"] });
  coordinator = { id: c.id, cookie: await sessionCookie(c.id) };
  org = (await createTestOrganisation(getDb(), { name: "Stadt Willich", legalForm: "city" })).id;
});

async function volunteerWithRecords(name: string) {
  const db = getDb();
  const v = await createTestVolunteer(db, { name });
  const running = (await createTestAssignment(db, { volunteerId: v.id, organisationId: org, createdBy: coordinator.id, activity: "Hausaufgabenhilfe", startDay: day(-30), worksWithMinors: true })).id;
  const ended = (await createTestAssignment(db, { volunteerId: v.id, organisationId: org, createdBy: coordinator.id, activity: "Sommerfest", startDay: day(-300), endDay: day(-200) })).id;
  const planned = (await createTestAssignment(db, { volunteerId: v.id, organisationId: org, createdBy: coordinator.id, activity: "Laternenumzug", startDay: day(40), endDay: day(41) })).id;
  await createTestHours(db, { assignmentId: running, day: day(-2), hours: 3, status: "confirmed" });
  await db.updateTable("hours_entry").set({ note: "mit Frau K. zum Amt" }).where("assignment_id", "=", running).execute();
  const inspection = (await createTestInspection(db, { volunteerId: v.id, inspectedBy: coordinator.id, certificateDate: day(-40), inspectedOn: day(-35) })).id;
  return { ...v, running, ended, planned, inspection, cookie: await sessionCookie(v.id) };
}

describe("Art. 15: the export holds the coverage records", () => {
  it("assignments, hours with notes and the inspection facts — nothing of anyone else", async () => {
    const v = await volunteerWithRecords("Exa Export");
    await volunteerWithRecords("Olli Other");
    const res = await run(meExport.loader, makeRequest("/me/daten.json", { cookie: v.cookie }));
    expect(res.status).toBe(200);
    const data = typeof res.data === "string" ? JSON.parse(res.data) : res.data;
    expect(data.coverage.assignments.map((a: { activity: string }) => a.activity).sort()).toEqual(["Hausaufgabenhilfe", "Laternenumzug", "Sommerfest"]);
    expect(data.coverage.assignments.find((a: { activity: string }) => a.activity === "Hausaufgabenhilfe")).toMatchObject({ organiser: "Stadt Willich", works_with_minors: true, closed_on: null });
    expect(data.coverage.hours).toEqual([expect.objectContaining({ hours: 3, note: "mit Frau K. zum Amt", status: "confirmed" })]);
    expect(data.coverage.certificateInspections).toEqual([{ inspected: true, certificate_date: day(-40), relevant_conviction: false, inspected_on: day(-35) }]);
    expect(JSON.stringify(data)).not.toContain("Olli Other");
  });
});

describe("Art. 17: erasure keeps the insurance evidence for the retention period only", () => {
  it("closes running and planned assignments today, keeps the name for 10 years, drops notes and certificate records", async () => {
    const v = await volunteerWithRecords("Erna Evidence");
    const page = await run(meData.loader, makeRequest("/me/daten", { cookie: v.cookie }));
    expect(page.data.retentionYears).toBe(10);
    const res = await run(meData.action, makeRequest("/me/daten", { cookie: v.cookie, form: { confirm: "on" } }));
    expect(res.status).toBe(302);
    const db = getDb();
    const rows = await db.selectFrom("assignment").selectAll().where("volunteer_user_id", "=", v.id).orderBy("id").execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(v.running)).toMatchObject({ closed_on: today, close_reason: ERASURE_CLOSE_CODE });
    expect(byId.get(v.planned)).toMatchObject({ closed_on: today, close_reason: ERASURE_CLOSE_CODE });
    // An assignment that had already ended stays as it was.
    expect(byId.get(v.ended)).toMatchObject({ closed_on: null, end_day: day(-200) });
    const history = await db.selectFrom("assignment_history").select(["assignment_id", "action"]).where("assignment_id", "in", [v.running, v.planned, v.ended]).orderBy("id").execute();
    expect(history.filter((h) => h.action === "close").map((h) => h.assignment_id).sort()).toEqual([v.running, v.planned].sort());
    const evidence = await db.selectFrom("cover_evidence").selectAll().where("user_id", "=", v.id).executeTakeFirstOrThrow();
    expect(evidence).toMatchObject({ name: "Erna Evidence", kept_until: addYearsToDay(today, 10) });
    expect((await db.selectFrom("user").select("name").where("id", "=", v.id).executeTakeFirstOrThrow()).name).toBe("—");
    expect(await db.selectFrom("certificate_inspection").selectAll().where("volunteer_user_id", "=", v.id).execute()).toEqual([]);
    const deletion = await db.selectFrom("audit_log").selectAll().where("entity", "=", "certificate").where("entity_id", "=", String(v.inspection)).executeTakeFirstOrThrow();
    expect(deletion.action).toBe("delete");
    const hours = await db.selectFrom("hours_entry").selectAll().where("assignment_id", "=", v.running).execute();
    expect(hours).toEqual([expect.objectContaining({ hours: 3, note: null, status: "confirmed" })]);

    // The office still sees who was covered: assignment page, helper list, "covered on day D?".
    const a = await run(assignmentPage.loader, makeRequest(`/office/assignments/${v.running}`, { cookie: coordinator.cookie }), { id: String(v.running) });
    expect(a.data.assignment.volunteerName).toBe("Erna Evidence");
    const list = await run(helpers.loader, makeRequest(`/office/assignments/helpers?day=${day(-2)}`, { cookie: coordinator.cookie }));
    expect(list.data.rows.map((r: { volunteerName: string }) => r.volunteerName)).toContain("Erna Evidence");
    const search = await run(coverage.loader, makeRequest(`/office/coverage?q=Erna`, { cookie: coordinator.cookie }));
    expect(search.data.matches.map((m: { id: string }) => m.id)).toEqual([v.id]);
    const check = await run(coverage.loader, makeRequest(`/office/coverage?volunteerId=${v.id}&day=${day(-2)}`, { cookie: coordinator.cookie }));
    expect(check.data.result.answer.covered).toBe(true);
    expect(check.data.result.volunteer.name).toBe("Erna Evidence");
    // No new assignment for an erased account.
    const refused = await run(
      newAssignment.action,
      makeRequest("/office/assignments/new", {
        cookie: coordinator.cookie,
        form: { volunteerId: v.id, activity: "Neu", fieldOfActionId: "1", organisationId: String(org), startDay: day(1), endDay: "", documentRef: "AZ 1" },
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.data.error.volunteerId).toEqual(["coverage:errors.noSuchVolunteer"]);
  });

  it("the daily job deletes the kept name the day after the period (injected clock); the assignments stay, anonymous", async () => {
    const v = await volunteerWithRecords("Paul Period");
    await run(meData.action, makeRequest("/me/daten", { cookie: v.cookie, form: { confirm: "on" } }));
    const keptUntil = addYearsToDay(today, 10);
    const at = (d: string) => new Date(`${d}T09:00:00.000Z`);
    await runDailyJobs({ now: at(keptUntil), force: true });
    expect(await getDb().selectFrom("cover_evidence").select("user_id").where("user_id", "=", v.id).executeTakeFirst()).toBeTruthy();
    const results = await runDailyJobs({ now: at(addDaysToDay(keptUntil, 1)), force: true });
    expect(results!["coverage-evidence-deletion"]).toBeGreaterThanOrEqual(1);
    expect(await getDb().selectFrom("cover_evidence").select("user_id").where("user_id", "=", v.id).executeTakeFirst()).toBeUndefined();
    expect(await getDb().selectFrom("assignment").select("id").where("volunteer_user_id", "=", v.id).execute()).toHaveLength(3);
    // The run ten years ahead also ended every session: log in again.
    coordinator.cookie = await sessionCookie(coordinator.id);
    const a = await run(assignmentPage.loader, makeRequest(`/office/assignments/${v.running}`, { cookie: coordinator.cookie }), { id: String(v.running) });
    expect(a.data.assignment.volunteerName).toBe("—");
    const audit = await getDb().selectFrom("audit_log").selectAll().where("entity", "=", "cover_evidence").where("entity_id", "=", v.id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: "delete", actor_user_id: null });
  });

  it("the retention period is configurable and counted from the last day an assignment documents", async () => {
    const restore = withEnv({ VOLUNTEER_COVER_RETENTION_YEARS: "3" });
    try {
      const v = await createTestVolunteer(getDb(), { name: "Rita Retention" });
      await createTestAssignment(getDb(), { volunteerId: v.id, organisationId: org, createdBy: coordinator.id, startDay: day(-500), endDay: day(-100) });
      const page = await run(meData.loader, makeRequest("/me/daten", { cookie: await sessionCookie(v.id) }));
      expect(page.data.retentionYears).toBe(3);
      await run(meData.action, makeRequest("/me/daten", { cookie: await sessionCookie(v.id), form: { confirm: "on" } }));
      const evidence = await getDb().selectFrom("cover_evidence").selectAll().where("user_id", "=", v.id).executeTakeFirstOrThrow();
      expect(evidence.kept_until).toBe(addYearsToDay(day(-100), 3));
    } finally {
      restore();
    }
  });

  it("a volunteer without assignments leaves no evidence behind", async () => {
    const v = await createTestVolunteer(getDb(), { name: "Nora Nothing" });
    await run(meData.action, makeRequest("/me/daten", { cookie: await sessionCookie(v.id), form: { confirm: "on" } }));
    expect(await getDb().selectFrom("cover_evidence").selectAll().where("user_id", "=", v.id).execute()).toEqual([]);
  });
});
