/**
 * "Export what I filtered" of the other office lists (issue #16): assignments, certificates, open
 * needs, donation offers, room requests, tandems, organisations. For each: the export has the rows
 * of every page of the filtered list in the page's order (read through the page's own loader), it
 * opens with csv-parse and exceljs' reader (days as dates), a cell that a spreadsheet would run as
 * a formula is escaped, the export is written to the access log, and only the office may export.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { getDb } from "../../../app/utils/db.server";
import * as assignmentsPage from "../../../app/routes/office.assignments._index";
import * as assignmentsExport from "../../../app/routes/office.assignments.export.$format";
import * as certificatesPage from "../../../app/routes/office.certificates";
import * as certificatesExport from "../../../app/routes/office.certificates_.export.$format";
import * as needsPage from "../../../app/routes/office.donations._index";
import * as needsExport from "../../../app/routes/office.donations.export.$format";
import * as offersPage from "../../../app/routes/office.donations.offers._index";
import * as offersExport from "../../../app/routes/office.donations.offers.export.$format";
import * as requestsPage from "../../../app/routes/office.rooms.requests";
import * as requestsExport from "../../../app/routes/office.rooms.requests_.export.$format";
import * as tandemsPage from "../../../app/routes/office.sponsorships.tandems._index";
import * as tandemsExport from "../../../app/routes/office.sponsorships.tandems.export.$format";
import * as organisationsPage from "../../../app/routes/office.organisations._index";
import * as organisationsExport from "../../../app/routes/office.organisations.export.$format";
import { createTestAssignment, createTestInspection } from "../../factories/coverage";
import { createTestHousehold, createTestNeed, createTestOffer } from "../../factories/donations";
import { createTestBooking, createTestRoom } from "../../factories/rooms";
import { createTestProgramme, createTestTandem } from "../../factories/tandems";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";

const db = () => getDb();
const HOSTILE = '=HYPERLINK("http://example.org/x","klick")';
let coordinatorId: string;
let cookie: string;
let volunteerCookie: string;
let memberCookie: string;
let orgId: number;

type Loader = (args: never) => unknown;
type Spec = {
  list: string;
  path: string;
  query: string;
  page: Loader;
  exp: Loader;
  /** The rows of one page of the loader's answer, as the export's key columns. */
  items: (data: any) => { rows: string[][]; total: number; pageSize: number };
  /** The export's key columns of a CSV/XLSX row. */
  key: (row: string[]) => string[];
  /** A column (index) that holds a day. */
  dayColumn: number;
  hostile?: boolean;
  filter: Record<string, unknown>;
};

beforeAll(async () => {
  const u = await createTestUser(db(), { roles: ["coordinator"] });
  coordinatorId = u.id;
  cookie = await sessionCookie(u.id);
  volunteerCookie = await sessionCookie((await createTestVolunteer(db(), {})).id);
  const org = await createTestOrganisation(db(), { name: "Listenverein e.V." });
  orgId = org.id;
  memberCookie = await sessionCookie((await createTestUser(db(), { roles: ["association_member"], organisationIds: [org.id] })).id);
  // Assignments: 31 with the organisation (two pages of 25, ties on the start day), one with a formula as activity.
  for (let i = 0; i < 31; i++) {
    const v = await createTestVolunteer(db(), { name: `Zeugnis Person ${String(i).padStart(2, "0")}`, status: "active" });
    await createTestAssignment(db(), { volunteerId: v.id, organisationId: org.id, createdBy: u.id, activity: i === 7 ? HOSTILE : `Tätigkeit ${i}`, startDay: `2026-0${1 + (i % 3)}-01`, worksWithMinors: true });
    // Certificates: the same 31 people, inspected (ties on the certificate day).
    await createTestInspection(db(), { volunteerId: v.id, inspectedBy: u.id, certificateDate: `2026-01-${String(1 + (i % 4)).padStart(2, "0")}`, inspectedOn: "2026-02-01" });
  }
  // Open needs: 28 of one household (urgent and normal, equal times).
  const h = await createTestHousehold(db(), { code: "LX-001", districtId: 2 });
  for (let i = 0; i < 28; i++) await createTestNeed(db(), h.id, { urgency: i % 3 ? "normal" : "urgent", createdAt: `2026-03-0${1 + (i % 2)}T10:00:00.000Z`, quantity: 1 + (i % 3) });
  // Offers waiting for review: 27 (two pages), one donor name a formula.
  for (let i = 0; i < 27; i++) await createTestOffer(db(), { reviewState: "pending", donorName: i === 3 ? HOSTILE : `Spender ${i}`, donorPhone: "+49 2154 000000" });
  // Room requests: 53 (two pages of 50), same start times in pairs.
  const room = await createTestRoom(db(), {});
  for (let i = 0; i < 53; i++) await createTestBooking(db(), room.id, { name: `Anfrage ${i}`, startsAt: `2030-02-${String(1 + Math.floor(i / 2)).padStart(2, "0")}T17:00:00.000Z`, endsAt: `2030-02-${String(1 + Math.floor(i / 2)).padStart(2, "0")}T19:00:00.000Z` });
  // Tandems: 27 with codes TX-…, started on three days.
  const programme = await createTestProgramme(db(), { name: "Listenprogramm" });
  for (let i = 0; i < 27; i++) {
    const v = await createTestVolunteer(db(), { name: `Pate ${i}`, status: "active" });
    await createTestTandem(db(), v.id, { programmeId: programme.id, code: `TX-${String(i).padStart(3, "0")}`, status: "active", startedOn: `2026-0${1 + (i % 3)}-15`, request: null });
  }
  // Organisations: 27 more, one named like a formula.
  for (let i = 0; i < 27; i++) await createTestOrganisation(db(), { name: i === 5 ? HOSTILE : `Listen Org ${String(i).padStart(2, "0")}` });
});

const page = (d: any) => ({ total: d.result.total as number, pageSize: d.result.pageSize as number });

const SPECS = (): Spec[] => [
  {
    list: "assignments",
    path: "/office/assignments",
    query: `organisationId=${orgId}`,
    page: assignmentsPage.loader as Loader,
    exp: assignmentsExport.loader as Loader,
    items: (d) => ({ rows: d.result.items.map((a: any) => [a.volunteerName, a.activity]), ...page(d) }),
    key: (r) => [r[0], r[1]],
    dayColumn: 4,
    hostile: true,
    filter: { organisationId: orgId },
  },
  {
    list: "certificates",
    path: "/office/certificates",
    query: "q=zeugnis",
    page: certificatesPage.loader as Loader,
    exp: certificatesExport.loader as Loader,
    items: (d) => ({ rows: d.result.items.map((c: any) => [c.volunteerName, c.certificateDate]), ...page(d) }),
    key: (r) => [r[0], r[1]],
    dayColumn: 1,
    filter: { q: "zeugnis" },
  },
  {
    list: "donation-needs",
    path: "/office/donations",
    query: "code=LX-",
    page: needsPage.loader as Loader,
    exp: needsExport.loader as Loader,
    items: (d) => ({ rows: d.result.items.map((n: any) => [n.code, String(n.quantity)]), ...page(d) }),
    key: (r) => [r[5], r[3]],
    dayColumn: 7,
    filter: { code: "LX-" },
  },
  {
    list: "donation-offers",
    path: "/office/donations/offers",
    query: "state=pending",
    page: offersPage.loader as Loader,
    exp: offersExport.loader as Loader,
    items: (d) => ({ rows: d.result.items.map((o: any) => [o.donor_name, o.donor_email]), ...page(d) }),
    key: (r) => [r[7], r[8]],
    dayColumn: 11,
    hostile: true,
    filter: { state: "pending" },
  },
  {
    list: "room-requests",
    path: "/office/rooms/requests",
    query: "",
    page: requestsPage.loader as Loader,
    exp: requestsExport.loader as Loader,
    items: (d) => ({ rows: d.requests.map((b: any) => [b.contact_name]), total: d.total, pageSize: 50 }),
    key: (r) => [r[3]],
    dayColumn: 1,
    filter: {},
  },
  {
    list: "tandems",
    path: "/office/sponsorships/tandems",
    query: "q=TX-&status=active",
    page: tandemsPage.loader as Loader,
    exp: tandemsExport.loader as Loader,
    items: (d) => ({ rows: d.result.items.map((t: any) => [t.code, t.sponsor, t.startedOn]), ...page(d) }),
    key: (r) => [r[0], r[3], r[4]],
    dayColumn: 4,
    filter: { q: "TX-", status: "active" },
  },
  {
    list: "organisations",
    path: "/office/organisations",
    query: "legalForm=registered_association",
    page: organisationsPage.loader as Loader,
    exp: organisationsExport.loader as Loader,
    items: (d) => ({ rows: d.result.items.map((o: any) => [o.name]), ...page(d) }),
    key: (r) => [r[0]],
    dayColumn: -1,
    hostile: true,
    filter: { legalForm: "registered_association" },
  },
];

async function pageRows(s: Spec) {
  const rows: string[][] = [];
  for (let n = 1; ; n++) {
    const res = await run(s.page as never, makeRequest(`${s.path}?${s.query}${s.query ? "&" : ""}page=${n}`, { cookie }));
    expect(res.status).toBe(200);
    const p = s.items(res.data);
    rows.push(...p.rows);
    if (n * p.pageSize >= p.total) return { rows, total: p.total, pageSize: p.pageSize };
  }
}

async function download(s: Spec, format: "csv" | "xlsx") {
  return (await (s.exp as any)({ request: makeRequest(`${s.path}/export/${format}${s.query ? `?${s.query}` : ""}`, { cookie }), params: { format }, context: { nonce: "", clientIp: "127.0.0.1" } })) as Response;
}

const unguard = (v: string) => v.replace(/^'(?=[=+\-@])/, "");
const lastExport = (entity: string) => db().selectFrom("audit_log").selectAll().where("action", "=", "export").where("entity", "=", entity).orderBy("id", "desc").executeTakeFirstOrThrow();

describe("export of the other filtered office lists", () => {
  it.each(["assignments", "certificates", "donation-needs", "donation-offers", "room-requests", "tandems", "organisations"])("%s: CSV and XLSX have the rows of every page, in order; formulas escaped; logged", async (list) => {
    const s = SPECS().find((x) => x.list === list)!;
    const { rows, total, pageSize } = await pageRows(s);
    expect(total).toBeGreaterThan(pageSize); // more than one page
    // CSV: BOM, semicolons, parsed by csv-parse.
    const res = await download(s, "csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename=".+\.csv"$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...data] = parse(bytes.toString("utf8"), { delimiter: ";", bom: true }) as string[][];
    expect(header.length).toBeGreaterThan(2);
    expect(data.length).toBe(total);
    const keys = (r: string[]) => s.key(r).map(unguard);
    expect(data.map(keys)).toEqual(rows);
    if (s.hostile) {
      const cells = data.flat();
      expect(cells).toContain(`'${HOSTILE}`);
      expect(cells).not.toContain(HOSTILE);
    }
    expect(JSON.parse((await lastExport(s.list)).details!)).toEqual({ filter: s.filter, format: "csv", rows: total });
    expect((await lastExport(s.list)).actor_user_id).toBe(coordinatorId);
    // XLSX: read by exceljs; the same rows; days as dates.
    const x = await download(s, "xlsx");
    expect(x.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as never);
    const values: unknown[][] = [];
    wb.worksheets[0].eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    const [, ...xdata] = values;
    expect(xdata.length).toBe(total);
    const text = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? "" : String(v));
    expect(xdata.map((r) => s.key(r.map(text)))).toEqual(rows.map((r) => r.map((c) => c ?? "")));
    if (s.dayColumn >= 0) expect(xdata.every((r) => r[s.dayColumn] === undefined || r[s.dayColumn] === null || r[s.dayColumn] instanceof Date)).toBe(true);
    if (s.dayColumn >= 0) expect(xdata.some((r) => r[s.dayColumn] instanceof Date)).toBe(true);
    expect(JSON.parse((await lastExport(s.list)).details!)).toEqual({ filter: s.filter, format: "xlsx", rows: total });
  });

  it("only the office may export: volunteers and association members get 403, nothing is logged; unknown formats 404", async () => {
    const before = (await db().selectFrom("audit_log").select("id").where("action", "=", "export").execute()).length;
    for (const s of SPECS()) {
      for (const c of [volunteerCookie, memberCookie]) {
        const res = await run(s.exp as never, makeRequest(`${s.path}/export/csv`, { cookie: c }), { format: "csv" });
        expect([403]).toContain(res.status);
      }
      expect((await run(s.exp as never, makeRequest(`${s.path}/export/pdf`, { cookie }), { format: "pdf" })).status).toBe(404);
    }
    expect((await db().selectFrom("audit_log").select("id").where("action", "=", "export").execute()).length).toBe(before);
  });

  it("each list page links to its export with the page's filters (not its page number)", async () => {
    // The link is built on the client from the location; the loader says whether it is shown.
    for (const s of SPECS()) {
      const res = await run(s.page as never, makeRequest(`${s.path}?${s.query}`, { cookie }));
      expect(res.data.mayExport).toBe(true);
      const member = await run(s.page as never, makeRequest(`${s.path}?${s.query}`, { cookie: memberCookie }));
      if (member.status === 200) expect(member.data.mayExport).toBe(false);
    }
  });
});
