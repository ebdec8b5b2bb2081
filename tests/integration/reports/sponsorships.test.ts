/**
 * The sponsorship section of the reports (issues #14 and #16) from a hand-built fixture whose right
 * answers are known: March 2026 in Europe/Berlin (from 2026-02-28T23:00Z to 2026-03-31T22:00Z; DST
 * began on 29 March) compared with February, for district 3 and for all districts. Requests and
 * proposals are instants (the Berlin midnights are the edges); tandems' start and end and the
 * meetings are Berlin days. The same figures are in the KOMM-AN view (block B) and in CSV and XLSX.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Actor } from "../../../app/auth/permissions";
import { parsePeriod } from "../../../app/modules/reports/period";
import { buildReport, type ReportData } from "../../../app/modules/reports/report.server";
import { getDb } from "../../../app/utils/db.server";
import * as downloadRoute from "../../../app/routes/office.reports.download.$format";
import * as overviewRoute from "../../../app/routes/office.reports._index";
import { createTestUser, createTestVolunteer } from "../../factories";
import { createTestHousehold } from "../../factories/donations";
import { createTestProposal, createTestRequest } from "../../factories/sponsorships";
import { createTestMeeting, createTestProgramme, createTestTandem } from "../../factories/tandems";
import { makeRequest, run, sessionCookie } from "../../setup/remix";

const db = () => getDb();
const D = 3;
const TODAY = "2026-04-15";
const MARCH = "kind=month&month=2026-03";
let actor: Actor;
let cookie: string;

const figure = (r: ReportData, table: string, id: string) => {
  const t = r.sections.flatMap((s) => s.tables).find((x) => x.key === table);
  const row = t?.rows.find((x) => x.id === id);
  return row ? { value: row.value, previous: row.previous } : undefined;
};
const report = (query: string, view: "overview" | "komm-an" = "overview") => {
  const { period, districtId } = parsePeriod(new URLSearchParams(query), TODAY);
  return buildReport(actor, { view, period, districtId, today: TODAY });
};

beforeAll(async () => {
  const u = await createTestUser(db(), { roles: ["coordinator"] });
  actor = { userId: u.id, email: u.email, name: "Koordination", locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] };
  cookie = await sessionCookie(u.id);
  const sponsor = (await createTestVolunteer(db(), { status: "active", name: "Paula Patin" })).id;
  const programmeId = (await createTestProgramme(db())).id;
  const request = async (requestedAt: string, districtId = D) => {
    const h = await createTestHousehold(db(), {});
    const r = await createTestRequest(db(), h.id, { requestedAt, districtId });
    return { id: r.id, householdId: h.id };
  };
  // Requests around the March edges (Berlin): 1 March 00:30 and 31 March 23:59 count; 28 Feb 23:30 is February, 1 April 00:00 April.
  const r1 = await request("2026-02-28T23:30:00.000Z");
  const r2 = await request("2026-02-28T22:30:00.000Z");
  const r3 = await request("2026-03-31T21:59:00.000Z");
  const r4 = await request("2026-03-31T22:00:00.000Z");
  const r6 = await request("2026-01-20T10:00:00.000Z");
  const r5 = await request("2026-03-10T10:00:00.000Z", 4); // another district
  // Proposals: one in March, one in February (district 3), one in March in district 4.
  await createTestProposal(db(), r1.id, sponsor, { proposedAt: "2026-03-10T10:00:00.000Z" });
  await createTestProposal(db(), r2.id, sponsor, { proposedAt: "2026-02-27T12:00:00.000Z" });
  await createTestProposal(db(), r5.id, sponsor, { proposedAt: "2026-03-11T10:00:00.000Z" });
  const tandem = async (r: { id: number; householdId: number }, startedOn: string, end?: { on: string; reason: "goal_reached" | "moved_away" | "no_fit" }) => {
    const t = await createTestTandem(db(), sponsor, { programmeId, request: r, status: end ? "ended" : "active", startedOn });
    if (end) await db().updateTable("tandem").set({ ended_on: end.on, end_reason: end.reason }).where("id", "=", t.id).execute();
    return t.id;
  };
  const t1 = await tandem(r1, "2026-03-01"); // starts on the first day of March
  const t2 = await tandem(r2, "2026-02-10", { on: "2026-03-31", reason: "goal_reached" }); // runs in both, ends on the last day of March
  await tandem(r3, "2026-01-05", { on: "2026-02-28", reason: "moved_away" }); // ended on the last day of February
  await tandem(r4, "2026-04-01"); // starts in April
  await tandem(r6, "2026-03-15", { on: "2026-03-20", reason: "no_fit" }); // a short March tandem
  const t6 = await tandem(r5, "2026-03-02"); // district 4
  // Meetings (Berlin days): in March 3 logged (2 confirmed, 150 minutes) in district 3, 1 in district 4; in February 1.
  await createTestMeeting(db(), t1, { day: "2026-03-01", minutes: 60, confirmed: true });
  await createTestMeeting(db(), t1, { day: "2026-03-31", minutes: 30, confirmed: false });
  await createTestMeeting(db(), t2, { day: "2026-03-15", minutes: 60, confirmed: true });
  await createTestMeeting(db(), t2, { day: "2026-02-28", minutes: 90, confirmed: true });
  await createTestMeeting(db(), t2, { day: "2026-04-01", minutes: 60, confirmed: true });
  await createTestMeeting(db(), t6, { day: "2026-03-05", minutes: 45, confirmed: true });
});

describe("the sponsorship section", () => {
  it("counts March in district 3 with February beside it", async () => {
    const r = await report(`${MARCH}&districtId=${D}`);
    expect(r.sections.map((s) => s.key)).toContain("sponsorships");
    expect(figure(r, "sponsorships.totals", "requests")).toEqual({ value: 2, previous: 1 });
    expect(figure(r, "sponsorships.totals", "proposals")).toEqual({ value: 1, previous: 1 });
    expect(figure(r, "sponsorships.totals", "tandemsStarted")).toEqual({ value: 2, previous: 1 });
    expect(figure(r, "sponsorships.totals", "tandemsRunning")).toEqual({ value: 3, previous: 2 });
    expect(figure(r, "sponsorships.totals", "tandemsEnded")).toEqual({ value: 2, previous: 1 });
    // Ended by reason: the rows of both periods (a reason only February had shows 0 now).
    const ended = r.sections.flatMap((s) => s.tables).find((t) => t.key === "sponsorships.endedByReason")!;
    expect(ended.rows.map((x) => [x.id, x.value, x.previous])).toEqual([
      ["endedGoalReached", 1, 0],
      ["endedNoFit", 1, 0],
      ["endedMovedAway", 0, 1],
    ]);
    expect(figure(r, "sponsorships.meetings", "meetingsLogged")).toEqual({ value: 3, previous: 1 });
    expect(figure(r, "sponsorships.meetings", "meetingsConfirmed")).toEqual({ value: 2, previous: 1 });
    expect(figure(r, "sponsorships.meetingHours", "meetingHours")).toEqual({ value: 2.5, previous: 1.5 });
  });

  it("without a district filter the other district counts too", async () => {
    const r = await report(MARCH);
    expect(figure(r, "sponsorships.totals", "requests")?.value).toBe(3);
    expect(figure(r, "sponsorships.totals", "proposals")?.value).toBe(2);
    expect(figure(r, "sponsorships.totals", "tandemsStarted")?.value).toBe(3);
    expect(figure(r, "sponsorships.totals", "tandemsRunning")?.value).toBe(4);
    expect(figure(r, "sponsorships.meetings", "meetingsConfirmed")?.value).toBe(3);
  });

  it("April 1 (CEST midnight) belongs to April: the request at 22:00Z and the tandem started that day", async () => {
    const r = await report(`kind=month&month=2026-04&districtId=${D}`);
    expect(figure(r, "sponsorships.totals", "requests")?.value).toBe(1);
    expect(figure(r, "sponsorships.totals", "tandemsStarted")?.value).toBe(1);
    expect(figure(r, "sponsorships.meetings", "meetingsConfirmed")?.value).toBe(1);
  });

  it("KOMM-AN block B lists the running tandems and their confirmed meetings", async () => {
    const k = await report(`${MARCH}&districtId=${D}`, "komm-an");
    expect(figure(k, "kommAn.B", "tandemsRunning")).toEqual({ value: 3, previous: 2 });
    expect(figure(k, "kommAn.B", "meetingsConfirmed")).toEqual({ value: 2, previous: 1 });
  });

  it("the page shows the section; CSV and XLSX carry its figures", async () => {
    const page = await run(overviewRoute.loader, makeRequest(`/office/reports?${MARCH}&districtId=${D}`, { cookie }));
    expect(page.status).toBe(200);
    expect(figure(page.data.report as ReportData, "sponsorships.totals", "tandemsRunning")?.value).toBe(3);
    const csv = (await downloadRoute.loader({ request: makeRequest(`/office/reports/download/csv?${MARCH}&districtId=${D}`, { cookie }), params: { format: "csv" }, context: { nonce: "", clientIp: "127.0.0.1" } } as never)) as Response;
    const records = parse(await csv.text(), { delimiter: ";", bom: true, relax_column_count: true }) as string[][];
    expect(records.find((x) => x[0] === "Patenschaften" && x[2] === "Anfragen eingegangen")?.slice(3)).toEqual(["2", "1", "1"]);
    expect(records.find((x) => x[0] === "Patenschaften" && x[2] === "Ziel erreicht")?.slice(3)).toEqual(["1", "0", "1"]);
    const xlsx = (await downloadRoute.loader({ request: makeRequest(`/office/reports/download/xlsx?${MARCH}&districtId=${D}`, { cookie }), params: { format: "xlsx" }, context: { nonce: "", clientIp: "127.0.0.1" } } as never)) as Response;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const rows: unknown[][] = [];
    wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const confirmed = rows.find((x) => x[0] === "Patenschaften" && x[2] === "Vom Haushalt bestätigt");
    expect(confirmed?.slice(3)).toEqual([2, 1, 1]);
  });
});
