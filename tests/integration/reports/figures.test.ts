/**
 * Report figures from a hand-built fixture whose right answers are known (issue #16): March 2026
 * in Europe/Berlin — it starts at 2026-02-28T23:00Z, ends at 2026-03-31T22:00Z and has 743 hours
 * (DST began on 29 March) — compared with February; district 3 so other records do not count.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../app/auth/permissions";
import { parsePeriod, periodOf, previousPeriod } from "../../../app/modules/reports/period";
import { buildReport, type ReportData } from "../../../app/modules/reports/report.server";
import { getDb } from "../../../app/utils/db.server";
import * as overviewRoute from "../../../app/routes/office.reports._index";
import * as kommAnRoute from "../../../app/routes/office.reports.komm-an";
import * as eventsRoute from "../../../app/routes/office.reports.events";
import * as snapshotRoute from "../../../app/routes/office.reports.snapshots.$id";
import * as downloadRoute from "../../../app/routes/office.reports.download.$format";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { renderRoute } from "../../setup/render";
import { compareSnapshot, getSnapshot } from "../../../app/modules/reports/report.server";
import { reportDownload } from "../../../app/modules/reports/download.server";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";
import { createTestAssignment, createTestHours } from "../../factories/coverage";
import { createTestHousehold, createTestMatch, createTestNeed, createTestOffer } from "../../factories/donations";
import { createTestBooking, createTestRoom } from "../../factories/rooms";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";

const db = () => getDb();
const D = 3;
const TODAY = "2026-04-15";
const MARCH = "kind=month&month=2026-03";
let actor: Actor;
let cookie: string;
let volunteerCookie: string;
let memberCookie: string;
let b1: number;
let b5: number;

const figure = (r: ReportData, table: string, id: string) => {
  const t = r.sections.flatMap((s) => s.tables).find((x) => x.key === table);
  const row = t?.rows.find((x) => x.id === id);
  return row ? { value: row.value, previous: row.previous } : undefined;
};

async function volunteer(name: string, createdAt: string, languages?: Array<{ code: string; level: "native" | "B1" }>) {
  return createTestVolunteer(db(), { name, createdAt, districtId: D, status: "active", languages });
}

beforeAll(async () => {
  const u = await createTestUser(db(), { roles: ["coordinator"] });
  actor = { userId: u.id, email: u.email, name: "Koordination", locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] };
  cookie = await sessionCookie(u.id);
  volunteerCookie = await sessionCookie((await createTestVolunteer(db(), {})).id);
  const org = await createTestOrganisation(db(), { name: "Berichtsverein e.V." });
  memberCookie = await sessionCookie((await createTestUser(db(), { roles: ["association_member"], organisationIds: [org.id] })).id);
  const fields = await db().selectFrom("field_of_action").select("id").orderBy("id").limit(2).execute();

  // Volunteers around the March edges (Berlin).
  const a = await volunteer("Anna Anfang", "2026-02-28T23:30:00.000Z"); // 1 March 00:30 → March
  const b = await volunteer("Bernd Vorher", "2026-02-28T22:30:00.000Z", [
    { code: "de", level: "native" },
    { code: "ar", level: "B1" },
  ]); // 28 Feb 23:30 → February
  const c = await volunteer("Clara Ende", "2026-03-31T21:59:00.000Z"); // 31 March 23:59 CEST → March
  const d = await volunteer("Dora April", "2026-03-31T22:00:00.000Z"); // 1 April 00:00 CEST → April
  // Assignments: A runs through March; B starts on the last day of March; C was closed on 28 Feb; D starts in April.
  const aa = await createTestAssignment(db(), { volunteerId: a.id, organisationId: org.id, createdBy: u.id, startDay: "2026-02-01", fieldOfActionId: fields[0].id });
  await createTestAssignment(db(), { volunteerId: b.id, organisationId: org.id, createdBy: u.id, startDay: "2026-03-31", endDay: "2026-04-30", fieldOfActionId: fields[1].id });
  await createTestAssignment(db(), { volunteerId: c.id, organisationId: org.id, createdBy: u.id, startDay: "2026-01-01", closedOn: "2026-02-28", fieldOfActionId: fields[0].id });
  await createTestAssignment(db(), { volunteerId: d.id, organisationId: org.id, createdBy: u.id, startDay: "2026-04-01", fieldOfActionId: fields[0].id });
  // Hours on A's assignment: 3.5 + 1.5 confirmed in March, 2 in February, 4 only submitted.
  await createTestHours(db(), { assignmentId: aa.id, day: "2026-03-01", hours: 3.5, status: "confirmed" });
  await createTestHours(db(), { assignmentId: aa.id, day: "2026-03-31", hours: 1.5, status: "confirmed" });
  await createTestHours(db(), { assignmentId: aa.id, day: "2026-02-28", hours: 2, status: "confirmed" });
  await createTestHours(db(), { assignmentId: aa.id, day: "2026-03-15", hours: 4, status: "submitted" });

  // Donations picked up in district 3: two offers in March (one handed over on 31 March, 23:00 CEST), one in February; one in district 4.
  const setCreated = (id: number, at: string) => db().updateTable("donation_offer").set({ created_at: at }).where("id", "=", id).execute();
  const o1 = await createTestOffer(db(), { districtId: D, category: "wardrobe" });
  await setCreated(o1.id, "2026-03-05T10:00:00.000Z");
  const o2 = await createTestOffer(db(), { districtId: D, category: "table" });
  await setCreated(o2.id, "2026-03-20T10:00:00.000Z");
  const o3 = await createTestOffer(db(), { districtId: D });
  await setCreated(o3.id, "2026-02-10T10:00:00.000Z");
  const o4 = await createTestOffer(db(), { districtId: 4 });
  await setCreated(o4.id, "2026-03-10T10:00:00.000Z");
  const h = await createTestHousehold(db(), { code: "H-REPORT" });
  const need = await createTestNeed(db(), h.id, { category: "wardrobe" });
  const m = await createTestMatch(db(), need.id, o1.id, { createdAt: "2026-03-06T09:00:00.000Z" });
  await db().updateTable("donation_match").set({ state: "handed_over", outcome_at: "2026-03-31T21:00:00.000Z" }).where("id", "=", m.id).execute();

  // Rooms: one open around the clock (743 bookable hours in March), one inactive (not counted).
  const room = await createTestRoom(db(), { openingHours: JSON.stringify(Array.from({ length: 7 }, () => ({ open: "00:00", close: "24:00" }))) });
  await createTestRoom(db(), { active: false, name: "Alter Raum" });
  // b1 crosses the DST change (01:30 CET → 03:30 CEST = 1 real hour); b2 starts 1 March 00:00 (4 h);
  // b3 starts 1 April 00:00 CEST (April); b4 only requested; b5 2 h on 10 March.
  b1 = (await createTestBooking(db(), room.id, { status: "confirmed", startsAt: "2026-03-29T00:30:00.000Z", endsAt: "2026-03-29T01:30:00.000Z" })).id;
  await createTestBooking(db(), room.id, { status: "confirmed", startsAt: "2026-02-28T23:00:00.000Z", endsAt: "2026-03-01T03:00:00.000Z" });
  await createTestBooking(db(), room.id, { status: "confirmed", startsAt: "2026-03-31T22:00:00.000Z", endsAt: "2026-03-31T23:00:00.000Z" });
  await createTestBooking(db(), room.id, { status: "requested", startsAt: "2026-03-12T17:00:00.000Z", endsAt: "2026-03-12T19:00:00.000Z" });
  b5 = (await createTestBooking(db(), room.id, { status: "confirmed", startsAt: "2026-03-10T17:00:00.000Z", endsAt: "2026-03-10T19:00:00.000Z" })).id;
});

describe("report periods (Europe/Berlin)", () => {
  it("a month, quarter, year and from–to period have Berlin midnights as edges, across DST", () => {
    const march = parsePeriod(new URLSearchParams(MARCH), TODAY).period;
    expect(march).toMatchObject({ from: "2026-03-01", to: "2026-04-01", fromIso: "2026-02-28T23:00:00.000Z", toIso: "2026-03-31T22:00:00.000Z" });
    expect((Date.parse(march.toIso) - Date.parse(march.fromIso)) / 3_600_000).toBe(743);
    const october = parsePeriod(new URLSearchParams("kind=month&month=2026-10"), TODAY).period;
    expect((Date.parse(october.toIso) - Date.parse(october.fromIso)) / 3_600_000).toBe(745);
    expect(parsePeriod(new URLSearchParams("kind=quarter&quarter=2026-Q2"), TODAY).period).toMatchObject({ from: "2026-04-01", to: "2026-07-01", fromIso: "2026-03-31T22:00:00.000Z" });
    expect(parsePeriod(new URLSearchParams("kind=year&year=2026"), TODAY).period).toMatchObject({ from: "2026-01-01", to: "2027-01-01", fromIso: "2025-12-31T23:00:00.000Z" });
    expect(parsePeriod(new URLSearchParams("kind=range&from=2026-03-10&to=2026-03-19"), TODAY).period).toMatchObject({ from: "2026-03-10", to: "2026-03-20" });
    // Previous periods: the month, quarter or year before; as many days right before a from–to period.
    expect(previousPeriod(march)).toMatchObject({ from: "2026-02-01", to: "2026-03-01" });
    expect(previousPeriod(periodOf("quarter", "2026-01-01", "2026-04-01"))).toMatchObject({ from: "2025-10-01", to: "2026-01-01" });
    expect(previousPeriod(periodOf("range", "2026-03-10", "2026-03-20"))).toMatchObject({ from: "2026-02-28", to: "2026-03-10" });
    // Malformed queries fall back to the month of today; a reversed range as well.
    expect(parsePeriod(new URLSearchParams("kind=month&month=2026-13"), TODAY).period.from).toBe("2026-04-01");
    expect(parsePeriod(new URLSearchParams("kind=range&from=2026-03-20&to=2026-03-10"), TODAY).period.from).toBe("2026-04-01");
  });
});

describe("report figures from a known fixture", () => {
  let r: ReportData;
  beforeAll(async () => {
    const { period } = parsePeriod(new URLSearchParams(MARCH), TODAY);
    r = await buildReport(actor, { view: "overview", period, districtId: D, today: TODAY });
  });

  it("volunteers: active, new and registered, compared with February", () => {
    expect(figure(r, "volunteers.totals", "active")).toEqual({ value: 2, previous: 2 }); // March: A, B; February: A, C
    expect(figure(r, "volunteers.totals", "new")).toEqual({ value: 2, previous: 1 }); // March: A, C; February: B
    expect(figure(r, "volunteers.totals", "registered")).toEqual({ value: 3, previous: 1 });
  });

  it("volunteers by district, field of action and language", () => {
    const byDistrict = r.sections[0].tables.find((t) => t.key === "volunteers.byDistrict")!;
    expect(byDistrict.rows.map((x) => [x.id, x.value])).toEqual([[String(D), 2]]);
    const byField = r.sections[0].tables.find((t) => t.key === "volunteers.byField")!;
    expect(byField.rows.map((x) => x.value)).toEqual([1, 1]);
    expect(figure(r, "volunteers.byLanguage", "de")).toEqual({ value: 2, previous: 2 });
    expect(figure(r, "volunteers.byLanguage", "ar")).toEqual({ value: 1, previous: 0 });
  });

  it("hours: only confirmed hours on days of the period", () => {
    expect(figure(r, "hours.confirmed", "hoursConfirmed")).toEqual({ value: 5, previous: 2 });
    expect(figure(r, "hours.people", "hourEntries")).toEqual({ value: 2, previous: 1 });
    expect(figure(r, "hours.people", "hourVolunteers")).toEqual({ value: 1, previous: 1 });
  });

  it("assignments: running, started, closed", () => {
    expect(figure(r, "assignments.totals", "running")).toEqual({ value: 2, previous: 2 });
    expect(figure(r, "assignments.totals", "started")).toEqual({ value: 1, previous: 1 });
    expect(figure(r, "assignments.totals", "closed")).toEqual({ value: 0, previous: 1 });
    expect(figure(r, "assignments.totals", "covered")).toEqual({ value: 2, previous: 2 });
  });

  it("donations: offers, matched, handed over (at 23:00 CEST on 31 March), by category", () => {
    expect(figure(r, "donations.totals", "offers")).toEqual({ value: 2, previous: 1 });
    expect(figure(r, "donations.totals", "matched")).toEqual({ value: 1, previous: 0 });
    expect(figure(r, "donations.totals", "handedOver")).toEqual({ value: 1, previous: 0 });
    const byCategory = r.sections.find((s) => s.key === "donations")!.tables.find((t) => t.key === "donations.byCategory")!;
    expect(byCategory.rows.reduce((sum, x) => sum + x.value, 0)).toBe(2);
  });

  it("KOMM-AN takes the same figures from the sections, reading only the tables it shows (issue #13)", async () => {
    const { period } = parsePeriod(new URLSearchParams(MARCH), TODAY);
    for (const districtId of [D, undefined]) {
      const overview = districtId === D ? r : await buildReport(actor, { view: "overview", period, today: TODAY });
      const k = await buildReport(actor, { view: "komm-an", period, districtId, today: TODAY });
      const same: Array<[string, string, string, string]> = [
        ["kommAn.B", "handedOver", "donations.totals", "handedOver"],
        ["kommAn.B", "tandemsRunning", "sponsorships.totals", "tandemsRunning"],
        ["kommAn.B", "meetingsConfirmed", "sponsorships.meetings", "meetingsConfirmed"],
        ["kommAn.C", "new", "volunteers.totals", "new"],
        ["kommAn.D", "active", "volunteers.totals", "active"],
        ["kommAn.D", "hoursConfirmed", "hours.confirmed", "hoursConfirmed"],
      ];
      for (const [table, id, source, sourceId] of same) expect(figure(k, table, id), `${table}.${id}`).toEqual(figure(overview, source, sourceId));
    }
    expect(figure(r, "hours.confirmed", "hoursConfirmed")).toEqual({ value: 5, previous: 2 });
    // A section asked for some of its tables returns those only.
    const { REPORT_SECTIONS } = await import("../../../app/modules/reports/sections.server");
    const ctx = { db: db(), period, districtId: D, today: TODAY };
    const tablesOf = async (key: string, only?: string[]) => (await REPORT_SECTIONS.find((s) => s.key === key)!.tables({ ...ctx, only: only && new Set(only) })).map((t) => t.key);
    expect(await tablesOf("volunteers", ["volunteers.totals"])).toEqual(["volunteers.totals"]);
    expect(await tablesOf("volunteers")).toEqual(["volunteers.totals", "volunteers.byDistrict", "volunteers.byField", "volunteers.byLanguage"]);
    expect(await tablesOf("hours", ["hours.confirmed"])).toEqual(["hours.confirmed"]);
    expect(await tablesOf("donations", ["donations.totals"])).toEqual(["donations.totals"]);
  });

  it("room use: 743 bookable hours in March, booked hours of confirmed bookings in real time", () => {
    expect(figure(r, "rooms.hours", "bookableHours")?.value).toBe(743);
    expect(figure(r, "rooms.hours", "bookedHours")?.value).toBe(7); // 1 + 4 + 2
    expect(figure(r, "rooms.bookings", "bookings")?.value).toBe(3);
    expect(figure(r, "rooms.share", "shareBooked")?.value).toBe(0.9); // 7 / 743
    // February has 28 × 24 bookable hours.
    expect(figure(r, "rooms.hours", "bookableHours")?.previous).toBe(672);
  });

  it("volunteers and association members get 403, anonymous visitors the login", async () => {
    for (const c of [volunteerCookie, memberCookie]) expect((await run(overviewRoute.loader, makeRequest(`/office/reports?${MARCH}`, { cookie: c }))).status).toBe(403);
    const anon = await run(overviewRoute.loader, makeRequest(`/office/reports?${MARCH}`));
    expect(anon.status).toBe(302);
    expect(anon.location).toMatch(/^\/login/);
  });
});

describe("KOMM-AN view", () => {
  it("the office marks bookings; the occupancy plan shares integration hours of bookable hours per week and in total", async () => {
    for (const id of [b1, b5]) {
      const res = await run(kommAnRoute.action, makeRequest(`/office/reports/komm-an?${MARCH}`, { cookie, form: { intent: "flag", bookingId: String(id), counts: "1" } }));
      expect(res.status).toBe(302);
      expect(res.location).toBe(`/office/reports/komm-an?${MARCH}#bookings-h`); // back at the list (paging: komm-an-bookings.test.ts)
    }
    const page = await run(kommAnRoute.loader, makeRequest(`/office/reports/komm-an?${MARCH}`, { cookie }));
    expect(page.status).toBe(200);
    const o = page.data.report.occupancy;
    expect(o.total).toMatchObject({ bookable: 743, booked: 7, integration: 3, bookings: 3, integrationBookings: 2, shareOfBookable: 0.4, shareOfBooked: 42.9 });
    // Weeks by Monday: 1 March is a Sunday (week of 23 Feb); the week of 23 March has the 23-hour day.
    expect(o.weeks.map((w: { monday: string; bookable: number }) => [w.monday, w.bookable])).toEqual([
      ["2026-02-23", 24],
      ["2026-03-02", 168],
      ["2026-03-09", 168],
      ["2026-03-16", 168],
      ["2026-03-23", 167],
      ["2026-03-30", 48],
    ]);
    expect(o.weeks.find((w: { monday: string }) => w.monday === "2026-03-23")).toMatchObject({ integration: 1, booked: 1 });
    expect(o.weeks.find((w: { monday: string }) => w.monday === "2026-03-09")).toMatchObject({ integration: 2, shareOfBooked: 100 });
    // Unmarking takes it out again.
    await run(kommAnRoute.action, makeRequest(`/office/reports/komm-an?${MARCH}`, { cookie, form: { intent: "flag", bookingId: String(b5), counts: "0" } }));
    const again = await run(kommAnRoute.loader, makeRequest(`/office/reports/komm-an?${MARCH}`, { cookie }));
    expect(again.data.report.occupancy.total.integration).toBe(1);
    await run(kommAnRoute.action, makeRequest(`/office/reports/komm-an?${MARCH}`, { cookie, form: { intent: "flag", bookingId: String(b5), counts: "1" } }));
  });

  it("events recorded through the form count per building block; bad input is answered at the field", async () => {
    const ok = await run(
      eventsRoute.action,
      makeRequest(`/office/reports/events?${MARCH}`, { cookie, form: { intent: "event", day: "2026-03-01", kind: "meeting_point", block: "A", title: "Ankunftstreff", districtId: "", participants: "10", volunteers: "2" } }),
    );
    expect(ok.status).toBe(302);
    const at = new Date().toISOString();
    await db()
      .insertInto("report_event")
      .values([
        { day: "2026-03-31", kind: "meeting_point", block: "A", title: "Treff 2", district_id: null, participants: 5, volunteers: 1, created_by: null, created_at: at },
        { day: "2026-04-01", kind: "meeting_point", block: "A", title: "April", district_id: null, participants: 50, volunteers: 9, created_by: null, created_at: at },
        { day: "2026-02-28", kind: "information", block: "C", title: "Infoabend", district_id: null, participants: 7, volunteers: 3, created_by: null, created_at: at },
      ])
      .execute();
    const before = await db().selectFrom("report_event").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    const bad = await run(
      eventsRoute.action,
      makeRequest(`/office/reports/events?${MARCH}`, { cookie, form: { intent: "event", day: "2026-02-30", kind: "meeting_point", block: "E", title: "Kaputt", participants: "-1", volunteers: "x" } }),
    );
    expect(bad.status).toBe(400);
    expect(Object.entries(bad.data.error ?? {}).filter(([, v]) => v).map(([k]) => k).sort()).toEqual(["block", "day", "participants", "volunteers"]);
    expect(bad.data.initialValue.title).toBe("Kaputt");
    const after = await db().selectFrom("report_event").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    const page = await run(kommAnRoute.loader, makeRequest(`/office/reports/komm-an?${MARCH}`, { cookie }));
    const k = page.data.report as ReportData;
    expect(figure(k, "kommAn.A", "events")).toEqual({ value: 2, previous: 0 });
    expect(figure(k, "kommAn.A", "participants")).toEqual({ value: 15, previous: 0 });
    expect(figure(k, "kommAn.A", "eventVolunteers")).toEqual({ value: 3, previous: 0 });
    expect(figure(k, "kommAn.C", "events")).toEqual({ value: 0, previous: 1 });
    expect(figure(k, "kommAn.B", "households")?.value).toBe(1);
    const list = await run(eventsRoute.loader, makeRequest(`/office/reports/events?${MARCH}`, { cookie }));
    expect(list.data.events.map((e: { title: string }) => e.title)).toEqual(["Treff 2", "Ankunftstreff"]);
  });

  it("the narrative is kept per period; an over-long one is refused at the field", async () => {
    const saved = await run(kommAnRoute.action, makeRequest(`/office/reports/komm-an?${MARCH}`, { cookie, form: { intent: "narrative", body: "Im März lief der Ankunftstreff zweimal." } }));
    expect(saved.status).toBe(302);
    expect((await run(kommAnRoute.loader, makeRequest(`/office/reports/komm-an?${MARCH}`, { cookie }))).data.narrative).toBe("Im März lief der Ankunftstreff zweimal.");
    expect((await run(kommAnRoute.loader, makeRequest(`/office/reports/komm-an?kind=month&month=2026-02`, { cookie }))).data.narrative).toBe("");
    const bad = await run(kommAnRoute.action, makeRequest(`/office/reports/komm-an?${MARCH}`, { cookie, form: { intent: "narrative", body: "x".repeat(20_001) } }));
    expect(bad.status).toBe(400);
    expect(bad.data.error.body).toBeTruthy();
  });
});

describe("frozen reports", () => {
  it("a frozen report keeps its figures when the data change, and is compared with the current ones", async () => {
    const frozen = await run(overviewRoute.action, makeRequest(`/office/reports?${MARCH}&districtId=${D}`, { cookie, form: { intent: "freeze", label: "Bericht März 2026" } }));
    expect(frozen.status).toBe(302);
    const id = frozen.location!.split("/").pop()!;
    // Later: one more volunteer registered in March, one more confirmed hour entry.
    await volunteer("Emil Nachzügler", "2026-03-15T10:00:00.000Z");
    const s = await run(snapshotRoute.loader, makeRequest(`/office/reports/snapshots/${id}`, { cookie }), { id });
    expect(s.status).toBe(200);
    expect(figure(s.data.frozen, "volunteers.totals", "new")?.value).toBe(2);
    // The current figures beside the frozen: `previous` is the frozen value.
    expect(figure(s.data.current, "volunteers.totals", "new")).toEqual({ value: 3, previous: 2 });
    expect(s.data.label).toBe("Bericht März 2026");
    // Stored as it was: the row itself is unchanged.
    const row = await db().selectFrom("report_snapshot").select("figures").where("id", "=", Number(id)).executeTakeFirstOrThrow();
    expect(figure(JSON.parse(row.figures), "volunteers.totals", "new")?.value).toBe(2);
    // A freeze without a label is refused, nothing stored.
    const bad = await run(overviewRoute.action, makeRequest(`/office/reports?${MARCH}`, { cookie, form: { intent: "freeze", label: "" } }));
    expect(bad.status).toBe(400);
    expect(bad.data.error.label).toBeTruthy();
    expect((await db().selectFrom("report_snapshot").select("id").execute()).length).toBe(1);
    // The snapshot downloads with its frozen figures.
    const csv = await downloadRoute.loader({ request: makeRequest(`/office/reports/download/csv?snapshot=${id}`, { cookie }), params: { format: "csv" }, context: { nonce: "", clientIp: "127.0.0.1" } } as never);
    const records = parse(await (csv as Response).text(), { delimiter: ";", bom: true, relax_column_count: true }) as string[][];
    const line = records.find((x) => x[2] === "Neu registriert");
    expect(line?.[3]).toBe("2");
  });
});

describe("volunteers by language in the reader's language (issue #18)", () => {
  const csvOf = async (report: ReportData, lang: string) => {
    const file = await reportDownload(report, { format: "csv", lang, district: null });
    return parse(await new Response(file.stream).text(), { delimiter: ";", bom: true, relax_column_count: true }) as string[][];
  };
  const languageLines = (records: string[][], table: string) => records.filter((x) => x[1] === table).map((x) => [x[2], x[3]]);

  it("the page, the chart and the downloads name each language in the reader's language", async () => {
    const { period } = parsePeriod(new URLSearchParams(MARCH), TODAY);
    const r = await buildReport(actor, { view: "overview", period, districtId: D, today: TODAY });
    const ar = r.sections[0].tables.find((t) => t.key === "volunteers.byLanguage")!.rows.find((x) => x.id === "ar")!;
    expect(ar.names).toMatchObject({ de: "Arabisch", en: "Arabic", uk: "арабська", tr: "Arapça" });

    const en = await renderRoute(overviewRoute as never, `/office/reports?${MARCH}&districtId=${D}`, { cookie, lang: "en" });
    expect(en.status).toBe(200);
    expect(en.text).toContain("Arabic");
    expect(en.text).toContain("German");
    expect(en.text).not.toContain("Arabisch");
    const de = await renderRoute(overviewRoute as never, `/office/reports?${MARCH}&districtId=${D}`, { cookie, lang: "de" });
    expect(de.text).toContain("Arabisch");

    // CSV in English and Ukrainian; XLSX in Arabic, through the download route (the reader's language).
    expect(languageLines(await csvOf(r, "en"), "Active by language")).toEqual(expect.arrayContaining([["Arabic", "1"], ["German", "2"]]));
    const ukLines = (await csvOf(r, "uk")).filter((x) => x[2] === "арабська");
    expect(ukLines.map((x) => x[3])).toEqual(["1"]);
    const xlsx = (await downloadRoute.loader({ request: makeRequest(`/office/reports/download/xlsx?${MARCH}&districtId=${D}`, { cookie, headers: { "Accept-Language": "ar" } }), params: { format: "xlsx" }, context: { nonce: "", clientIp: "127.0.0.1" } } as never)) as Response;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const cells: unknown[] = [];
    wb.worksheets[0].eachRow((row) => cells.push((row.values as unknown[])[3]));
    expect(cells).toContain("العربية");
    expect(cells).not.toContain("Arabisch");
  });

  it("a frozen report keeps the names; one frozen before they were stored gets them from the language code", async () => {
    const frozen = await run(overviewRoute.action, makeRequest(`/office/reports?${MARCH}&districtId=${D}`, { cookie, form: { intent: "freeze", label: "Sprachen März 2026" } }));
    expect(frozen.status).toBe(302);
    const id = Number(frozen.location!.split("/").pop());
    const stored = JSON.parse((await db().selectFrom("report_snapshot").select("figures").where("id", "=", id).executeTakeFirstOrThrow()).figures) as ReportData;
    const storedAr = stored.sections.flatMap((s) => s.tables).find((t) => t.key === "volunteers.byLanguage")!.rows.find((x) => x.id === "ar")!;
    expect(storedAr.names?.en).toBe("Arabic");

    // As a report frozen before issue #18's change stored it: German labels only.
    for (const t of stored.sections.flatMap((s) => s.tables)) if (t.key === "volunteers.byLanguage") for (const row of t.rows) delete row.names;
    await db().updateTable("report_snapshot").set({ figures: JSON.stringify(stored) }).where("id", "=", id).execute();
    const old = await getSnapshot(actor, id);
    const oldAr = old.report.sections.flatMap((s) => s.tables).find((t) => t.key === "volunteers.byLanguage")!.rows.find((x) => x.id === "ar")!;
    expect(oldAr).toMatchObject({ label: "Arabisch", value: 1, names: { en: "Arabic", fa: "عربی" } });
    expect(languageLines(await csvOf(old.report, "en"), "Active by language")).toEqual(expect.arrayContaining([["Arabic", "1"]]));
    const compared = await compareSnapshot(actor, id, TODAY);
    expect(compared.frozen.sections.flatMap((s) => s.tables).find((t) => t.key === "volunteers.byLanguage")!.rows.every((x) => x.names?.en)).toBe(true);
    const page = await renderRoute(snapshotRoute as never, `/office/reports/snapshots/${id}`, { cookie, params: { id: String(id) }, lang: "en" });
    expect(page.status).toBe(200);
    expect(page.text).toContain("Arabic");
    expect(page.text).not.toContain("Arabisch");
  });
});

describe("report downloads", () => {
  it("CSV (BOM, semicolons) and XLSX (number cells) with the same figures as the page", async () => {
    const res = (await downloadRoute.loader({ request: makeRequest(`/office/reports/download/csv?${MARCH}&districtId=${D}`, { cookie }), params: { format: "csv" }, context: { nonce: "", clientIp: "127.0.0.1" } } as never)) as Response;
    expect(res.headers.get("Content-Type")).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(Buffer.from(bytes).toString("utf8"), { delimiter: ";", bom: true, relax_column_count: true }) as string[][];
    expect(records.find((x) => x[2] === "Bestätigte Stunden" && x[1] === "Bestätigte Stunden")?.slice(3)).toEqual(["5", "2", "3"]);
    const xlsx = (await downloadRoute.loader({ request: makeRequest(`/office/reports/download/xlsx?${MARCH}&districtId=${D}`, { cookie }), params: { format: "xlsx" }, context: { nonce: "", clientIp: "127.0.0.1" } } as never)) as Response;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const sheet = wb.worksheets[0];
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const hours = rows.find((x) => x[2] === "Gebuchte Stunden");
    expect(hours?.[3]).toBe(7);
    expect(typeof hours?.[3]).toBe("number");
  });
});

describe("the whole town (no district filter)", () => {
  it("counts every district's offers and matches, and the assignments' figures in one pass", async () => {
    // One more match in March, on the offer picked up in district 4 (not handed over).
    const o4 = await db().selectFrom("donation_offer").select("id").where("pickup_district_id", "=", 4).where("created_at", "=", "2026-03-10T10:00:00.000Z").executeTakeFirstOrThrow();
    const h = await createTestHousehold(db(), { code: "H-TOWN" });
    const need = await createTestNeed(db(), h.id, { category: "table" });
    await createTestMatch(db(), need.id, o4.id, { createdAt: "2026-03-12T09:00:00.000Z" });
    const { period } = parsePeriod(new URLSearchParams(MARCH), TODAY);
    const town = await buildReport(actor, { view: "overview", period, today: TODAY });
    expect(figure(town, "donations.totals", "offers")).toEqual({ value: 3, previous: 1 });
    expect(figure(town, "donations.totals", "matched")).toEqual({ value: 2, previous: 0 });
    expect(figure(town, "donations.totals", "handedOver")).toEqual({ value: 1, previous: 0 });
    // District 3 still sees only its own.
    const district = await buildReport(actor, { view: "overview", period, districtId: D, today: TODAY });
    expect(figure(district, "donations.totals", "matched")).toEqual({ value: 1, previous: 0 });
    expect(figure(town, "assignments.totals", "running")!.value).toBeGreaterThanOrEqual(figure(district, "assignments.totals", "running")!.value);
    expect(figure(town, "volunteers.totals", "active")!.value).toBe(figure(town, "assignments.totals", "covered")!.value);
  });
});
