import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import { berlinDay, addMonthsToDay, addDaysToDay } from "../../../app/utils/dates";
import * as certificates from "../../../app/routes/office.certificates";
import * as officeHours from "../../../app/routes/office.hours";
import * as decideHours from "../../../app/routes/office.hours_.$id.decide";
import * as meHours from "../../../app/routes/me.hours";
import * as meAssignments from "../../../app/routes/me.assignments";
import * as meCertificate from "../../../app/routes/me.certificate";
import * as karte from "../../../app/routes/office.ehrenamtskarte";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestOrganisation, createTestUser } from "../../factories";
import { createTestAssignment, createTestHours, createTestInspection } from "../../factories/coverage";

const today = berlinDay(new Date());
let coordinator: { id: string; cookie: string };
let member: { id: string; cookie: string };
let volunteer: { id: string; cookie: string };
let stranger: { id: string; cookie: string };
let orgA: number;
let orgB: number;
let minorsAssignment: number;
let assignmentA: number;
let assignmentB: number;

beforeAll(async () => {
  const db = getDb();
  orgA = (await createTestOrganisation(db, { name: "Jugend e.V." })).id;
  orgB = (await createTestOrganisation(db, { name: "Andere Initiative", legalForm: "initiative" })).id;
  const c = await createTestUser(db, { roles: ["coordinator"] });
  const m = await createTestUser(db, { roles: ["association_member"], organisationIds: [orgA] });
  const v = await createTestUser(db, { roles: ["volunteer"], name: "Vera Volunteer" });
  const s = await createTestUser(db, { roles: ["volunteer"], name: "Sam Stranger" });
  coordinator = { id: c.id, cookie: await sessionCookie(c.id) };
  member = { id: m.id, cookie: await sessionCookie(m.id) };
  volunteer = { id: v.id, cookie: await sessionCookie(v.id) };
  stranger = { id: s.id, cookie: await sessionCookie(s.id) };
  minorsAssignment = (await createTestAssignment(db, { volunteerId: v.id, organisationId: orgA, createdBy: c.id, activity: "Hausaufgabenhilfe", worksWithMinors: true, startDay: addMonthsToDay(today, -6) })).id;
  assignmentA = minorsAssignment;
  assignmentB = (await createTestAssignment(db, { volunteerId: v.id, organisationId: orgB, createdBy: c.id, activity: "Fahrdienst", startDay: addMonthsToDay(today, -6) })).id;
});

const inspection = (o: Record<string, string> = {}) => ({
  volunteerId: volunteer.id,
  inspected: "yes",
  certificateDate: addDaysToDay(today, -20),
  relevantConviction: "no",
  inspectedOn: today,
  ...o,
});

describe("§ 72a certificate inspections", () => {
  it("records only the allowed facts", async () => {
    const res = await run(certificates.action, makeRequest("/office/certificates", { form: { ...inspection(), copy: "scan.pdf", note: "free text" }, cookie: coordinator.cookie }));
    expect(res.status).toBe(302);
    const row = await getDb().selectFrom("certificate_inspection").selectAll().where("volunteer_user_id", "=", volunteer.id).executeTakeFirstOrThrow();
    expect(Object.keys(row).sort()).toEqual(["certificate_date", "created_at", "id", "inspected", "inspected_by", "inspected_on", "relevant_conviction", "volunteer_user_id"]);
    expect(row).toMatchObject({ inspected: 1, relevant_conviction: 0, inspected_by: coordinator.id, inspected_on: today });
  });

  it("refuses a certificate older than 3 months, one dated after the inspection, and a future inspection", async () => {
    const old = await run(certificates.action, makeRequest("/office/certificates", { form: inspection({ certificateDate: addDaysToDay(addMonthsToDay(today, -3), -1) }), cookie: coordinator.cookie }));
    expect(old.status).toBe(400);
    expect(old.data.error.certificateDate).toEqual([`coverage:errors.certificateTooOld|{"months":3}`]);
    const after = await run(certificates.action, makeRequest("/office/certificates", { form: inspection({ certificateDate: addDaysToDay(today, 1) }), cookie: coordinator.cookie }));
    expect(after.data.error.certificateDate).toEqual(["coverage:errors.certificateAfterInspection"]);
    const future = await run(certificates.action, makeRequest("/office/certificates", { form: inspection({ inspectedOn: addDaysToDay(today, 1) }), cookie: coordinator.cookie }));
    expect(future.data.error.inspectedOn).toEqual(["coverage:errors.dayInFuture"]);
  });

  it("refuses bad input and people without an assignment with minors", async () => {
    const bad = await run(certificates.action, makeRequest("/office/certificates", { form: { volunteerId: "", inspected: "maybe", certificateDate: "gestern", relevantConviction: "<b>", inspectedOn: "" }, cookie: coordinator.cookie }));
    expect(bad.status).toBe(400);
    expect(bad.data.error).toMatchObject({ volunteerId: ["errors.required"], inspected: ["errors.invalidChoice"], certificateDate: ["errors.invalidDate"], relevantConviction: ["errors.invalidChoice"], inspectedOn: ["errors.required"] });
    const none = await run(certificates.action, makeRequest("/office/certificates", { form: inspection({ volunteerId: stranger.id }), cookie: coordinator.cookie }));
    expect(none.data.error.volunteerId).toEqual(["coverage:errors.noMinorsAssignment"]);
    const unknown = await run(certificates.action, makeRequest("/office/certificates", { form: inspection({ volunteerId: "nobody123" }), cookie: coordinator.cookie }));
    expect(unknown.data.error.volunteerId).toEqual(["coverage:errors.noSuchVolunteer"]);
  });

  it("lists status and deletion days for the office, with views logged", async () => {
    const res = await run(certificates.loader, makeRequest("/office/certificates", { cookie: coordinator.cookie }));
    expect(res.status).toBe(200);
    const row = res.data.result.items.find((r: { volunteerId: string }) => r.volunteerId === volunteer.id);
    expect(row.status.state).toBe("valid");
    expect(row.deletionDay).toBeNull();
    // The picker lists who needs an inspection (nobody: the certificate is valid) or whom a search finds.
    expect(res.data.volunteers).toEqual([]);
    const found = await run(certificates.loader, makeRequest("/office/certificates?who=Vera", { cookie: coordinator.cookie }));
    expect(found.data.volunteers.map((v: { id: string }) => v.id)).toEqual([volunteer.id]);
  });

  it("association members and volunteers never see certificates", async () => {
    for (const cookie of [member.cookie, volunteer.cookie]) {
      expect((await run(certificates.loader, makeRequest("/office/certificates", { cookie }))).status).toBe(403);
      expect((await run(certificates.action, makeRequest("/office/certificates", { form: inspection(), cookie }))).status).toBe(403);
    }
  });

  it("the volunteer sees their own status, nobody else's", async () => {
    const own = await run(meCertificate.loader, makeRequest("/me/certificate", { cookie: volunteer.cookie }));
    expect(own.data).toMatchObject({ needed: true, status: { state: "valid" } });
    const strangerView = await run(meCertificate.loader, makeRequest("/me/certificate", { cookie: stranger.cookie }));
    expect(strangerView.data).toMatchObject({ needed: false, status: { state: "none" }, certificateDate: null });
    await createTestInspection(getDb(), { volunteerId: stranger.id, inspectedBy: coordinator.id });
    expect((await run(meCertificate.loader, makeRequest("/me/certificate", { cookie: member.cookie }))).status).toBe(403);
  });
});

describe("hours", () => {
  it("the volunteer logs hours for an own assignment on a day it ran", async () => {
    const res = await run(meHours.action, makeRequest("/me/hours", { form: { assignmentId: String(assignmentA), day: today, hours: "2.5", note: "Mathe" }, cookie: volunteer.cookie }));
    expect(res.status).toBe(302);
    const row = await getDb().selectFrom("hours_entry").selectAll().where("assignment_id", "=", assignmentA).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ hours: 2.5, note: "Mathe", status: "submitted", day: today });
  });

  it.each([
    ["missing", { assignmentId: "", day: "", hours: "" }, { assignmentId: "errors.required", day: "errors.required", hours: "errors.required" }],
    ["wrong types", { hours: "viel", day: "2026-99-01" }, { hours: "coverage:errors.invalidHours", day: "errors.invalidDate" }],
    ["not quarter hours", { hours: "1.1" }, { hours: "coverage:errors.invalidHours" }],
    ["too many", { hours: "25" }, { hours: "coverage:errors.invalidHours" }],
    ["hostile note", { note: "<img src=x onerror=alert(1)>" }, { note: "errors.forbiddenCharacters" }],
    ["too long note", { note: "n".repeat(301) }, { note: 'errors.tooLong|{"max":300}' }],
    ["future day", { day: addDaysToDay(today, 2) }, { day: "coverage:errors.dayInFuture" }],
    ["day before the assignment", { day: addMonthsToDay(today, -7) }, { day: "coverage:errors.dayOutsideAssignment" }],
  ])("refuses %s", async (_, patch, errors) => {
    const res = await run(meHours.action, makeRequest("/me/hours", { form: { assignmentId: String(assignmentA), day: today, hours: "1", ...patch }, cookie: volunteer.cookie }));
    expect(res.status).toBe(400);
    for (const [k, v] of Object.entries(errors)) expect(res.data.error[k]).toEqual([v]);
  });

  it("refuses someone else's assignment", async () => {
    const res = await run(meHours.action, makeRequest("/me/hours", { form: { assignmentId: String(assignmentA), day: today, hours: "1" }, cookie: stranger.cookie }));
    expect(res.status).toBe(400);
    expect(res.data.error.assignmentId).toEqual(["errors.invalidChoice"]);
  });

  it("association members decide only for their organisation; a reason is needed to reject", async () => {
    const a = (await createTestHours(getDb(), { assignmentId: assignmentA, day: today })).id;
    const b = (await createTestHours(getDb(), { assignmentId: assignmentB, day: today })).id;
    const listed = await run(officeHours.loader, makeRequest("/office/hours", { cookie: member.cookie }));
    const ids = listed.data.result.items.map((r: { id: number }) => r.id);
    expect(ids).toContain(a);
    expect(ids).not.toContain(b);
    expect((await run(decideHours.action, makeRequest(`/office/hours/${b}/decide`, { form: { intent: "confirm" }, cookie: member.cookie }), { id: String(b) })).status).toBe(404);
    const noReason = await run(decideHours.action, makeRequest(`/office/hours/${a}/decide`, { form: { intent: "reject", reason: "" }, cookie: member.cookie }), { id: String(a) });
    expect(noReason.status).toBe(400);
    expect(noReason.data.error.reason).toEqual(["coverage:errors.reasonRequired"]);
    const bogus = await run(decideHours.action, makeRequest(`/office/hours/${a}/decide`, { form: { intent: "delete" }, cookie: member.cookie }), { id: String(a) });
    expect(bogus.status).toBe(400);
    expect(bogus.data.error.intent).toEqual(["errors.invalidChoice"]);
    expect((await run(decideHours.action, makeRequest("/office/hours/abc/decide", { form: { intent: "confirm" }, cookie: member.cookie }), { id: "abc" })).status).toBe(404);
    expect((await run(decideHours.action, makeRequest(`/office/hours/${a}/decide`, { form: { intent: "confirm" }, cookie: member.cookie }), { id: String(a) })).status).toBe(302);
    const again = await run(decideHours.action, makeRequest(`/office/hours/${a}/decide`, { form: { intent: "reject", reason: "doch nicht" }, cookie: member.cookie }), { id: String(a) });
    expect(again.data.error[""]).toEqual(["coverage:errors.alreadyDecided"]);
    const rejected = await run(decideHours.action, makeRequest(`/office/hours/${b}/decide`, { form: { intent: "reject", reason: "Doppelt gemeldet" }, cookie: coordinator.cookie }), { id: String(b) });
    expect(rejected.status).toBe(302);
    const rows = await getDb().selectFrom("hours_entry").selectAll().where("id", "in", [a, b]).orderBy("id").execute();
    expect(rows.map((r) => [r.status, r.decision_reason])).toEqual([["confirmed", null], ["rejected", "Doppelt gemeldet"]]);
    expect((await run(officeHours.loader, makeRequest("/office/hours", { cookie: volunteer.cookie }))).status).toBe(403);
    expect((await run(decideHours.action, makeRequest(`/office/hours/${a}/decide`, { form: { intent: "confirm" }, cookie: volunteer.cookie }), { id: String(a) })).status).toBe(403);
  });

  it("the volunteer sees totals per year and Ehrenamtskarte eligibility from confirmed hours", async () => {
    for (let i = 1; i <= 31; i++) await createTestHours(getDb(), { assignmentId: assignmentB, day: addDaysToDay(today, -i), hours: 8, status: "confirmed" });
    const res = await run(meHours.loader, makeRequest("/me/hours", { cookie: volunteer.cookie }));
    expect(res.data.eligibility).toMatchObject({ eligible: true, byYear: true, hoursLast12Months: 250 });
    expect(res.data.totals.reduce((s: number, t: { hours: number }) => s + t.hours, 0)).toBe(250);
    const strangerView = await run(meHours.loader, makeRequest("/me/hours", { cookie: stranger.cookie }));
    expect(strangerView.data.rows).toEqual([]);
    expect(strangerView.data.eligibility.eligible).toBe(false);
  });
});

describe("Ehrenamtskarte NRW for the office", () => {
  it("lists eligible volunteers for coordinators (all with ?all), logs the views, refuses everyone else", async () => {
    const eligible = await run(karte.loader, makeRequest("/office/ehrenamtskarte", { cookie: coordinator.cookie }));
    expect(eligible.data.result.items.map((r: { id: string }) => r.id)).toEqual([volunteer.id]);
    const log = await getDb().selectFrom("audit_log").selectAll().where("entity_id", "=", volunteer.id).where("action", "=", "view").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(JSON.parse(log.details!)).toEqual({ via: "ehrenamtskarte" });
    await createTestHours(getDb(), { assignmentId: assignmentB, day: today, hours: 1, status: "confirmed" });
    const v2 = await createTestUser(getDb(), { roles: ["volunteer"], name: "Wenig Stunden" });
    const a2 = (await createTestAssignment(getDb(), { volunteerId: v2.id, organisationId: orgB, createdBy: coordinator.id, startDay: addMonthsToDay(today, -1) })).id;
    await createTestHours(getDb(), { assignmentId: a2, day: today, hours: 3, status: "confirmed" });
    const all = await run(karte.loader, makeRequest("/office/ehrenamtskarte?all=1", { cookie: coordinator.cookie }));
    expect(all.data.result.items.map((r: { id: string }) => r.id).sort()).toEqual([volunteer.id, v2.id].sort());
    for (const cookie of [member.cookie, volunteer.cookie]) expect((await run(karte.loader, makeRequest("/office/ehrenamtskarte", { cookie }))).status).toBe(403);
  });
});

describe("/me/assignments", () => {
  it("shows only the volunteer's own assignments with the basis of cover in plain words", async () => {
    const res = await run(meAssignments.loader, makeRequest("/me/assignments", { cookie: volunteer.cookie }));
    expect(res.data.assignments.map((a: { id: number }) => a.id).sort()).toEqual([assignmentA, assignmentB].sort());
    expect(res.data.assignments.find((a: { id: number }) => a.id === assignmentB).basis).toEqual({ kind: "initiative" });
    expect(res.data.today_answer.covered).toBe(true);
    const strangerView = await run(meAssignments.loader, makeRequest("/me/assignments", { cookie: stranger.cookie }));
    expect(strangerView.data.assignments).toEqual([]);
    expect(strangerView.data.today_answer.reasons).toEqual([{ kind: "noAssignment" }]);
    expect((await run(meAssignments.loader, makeRequest("/me/assignments", { cookie: member.cookie }))).status).toBe(200);
  });
});
