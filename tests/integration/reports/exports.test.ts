/**
 * "Export what I filtered" of /office/volunteers (issue #16): the export has the rows of every page
 * of the filtered list, in the page's order; it opens with independent parsers (csv-parse,
 * exceljs' reader); each export is written to the access log; only the office may export.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Actor } from "../../../app/auth/permissions";
import { exportVolunteers } from "../../../app/modules/exports/volunteers.server";
import { getDb } from "../../../app/utils/db.server";
import { todayOf } from "../../../app/utils/dates";
import * as listRoute from "../../../app/routes/office.volunteers._index";
import * as exportRoute from "../../../app/routes/office.volunteers.export.$format";
import * as hoursRoute from "../../../app/routes/office.hours";
import * as hoursExportRoute from "../../../app/routes/office.hours_.export.$format";
import { exportHours } from "../../../app/modules/exports/hours.server";
import { exportHouseholds } from "../../../app/modules/exports/households.server";
import * as householdsRoute from "../../../app/routes/office.households._index";
import * as householdsExportRoute from "../../../app/routes/office.households.export.$format";
import { createTestHousehold } from "../../factories/donations";
import { createTestAssignment, createTestHours } from "../../factories/coverage";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";

const db = () => getDb();
const D = 4;
const FILTER = `status=active&districtId=${D}`;
let actor: Actor;
let cookie: string;
let volunteerCookie: string;
let memberCookie: string;

// Names with ties (same name three times), umlauts, case differences and a leading "=" (a formula in a spreadsheet).
const NAMES = ["Anna Müller", "Anna Müller", "Anna Müller", "anna Mueller", "Ömer Aydın", "Zoe Zander", "=Formel Test", "Ärmel Änne", "Bernd Brot", "Carla Čapek"];

beforeAll(async () => {
  const u = await createTestUser(db(), { roles: ["coordinator"] });
  actor = { userId: u.id, email: u.email, name: "Koordination", locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] };
  cookie = await sessionCookie(u.id);
  volunteerCookie = await sessionCookie((await createTestVolunteer(db(), {})).id);
  const org = await createTestOrganisation(db(), { name: "Exportverein e.V." });
  memberCookie = await sessionCookie((await createTestUser(db(), { roles: ["association_member"], organisationIds: [org.id] })).id);
  // 60 active volunteers in district 5 (three pages of 25), 15 registered ones there, 10 active elsewhere.
  for (let i = 0; i < 60; i++) await createTestVolunteer(db(), { name: `${NAMES[i % NAMES.length]} ${i % 7 === 0 ? "" : String.fromCharCode(65 + (i % 26))}`.trim(), districtId: D, status: "active", createdAt: `2026-0${1 + (i % 9)}-1${i % 10}T10:00:00.000Z` });
  for (let i = 0; i < 15; i++) await createTestVolunteer(db(), { name: `Rita Registriert ${i}`, districtId: D, status: "registered" });
  for (let i = 0; i < 10; i++) await createTestVolunteer(db(), { name: `Andreas Anderswo ${i}`, districtId: 1, status: "active" });
  // Hours: 30 waiting entries and 12 confirmed ones of three volunteers, with equal times (ties broken by id).
  const helpers = [];
  for (const name of ["Hanna Stunden", "Igor Stunden", "Jule Stunden"]) {
    const v = await createTestVolunteer(db(), { name, districtId: 2, status: "active" });
    helpers.push((await createTestAssignment(db(), { volunteerId: v.id, organisationId: org.id, createdBy: u.id, startDay: "2026-01-01" })).id);
  }
  for (let i = 0; i < 30; i++) await createTestHours(db(), { assignmentId: helpers[i % 3], day: `2026-02-${String(1 + (i % 28)).padStart(2, "0")}`, hours: 1 + (i % 4) / 2, createdAt: `2026-03-0${1 + (i % 5)}T10:00:00.000Z` });
  for (let i = 0; i < 12; i++) {
    const h = await createTestHours(db(), { assignmentId: helpers[i % 3], day: `2026-01-${String(10 + i).padStart(2, "0")}`, status: "confirmed" });
    await db().updateTable("hours_entry").set({ decided_at: `2026-03-1${i % 4}T09:00:00.000Z`, decided_by: u.id }).where("id", "=", h.id).execute();
  }
});

async function pageRows(query: string) {
  const rows: Array<{ name: string; district: string | null; created_at: string }> = [];
  for (let page = 1; ; page++) {
    const res = await run(listRoute.loader, makeRequest(`/office/volunteers?${query}&page=${page}`, { cookie }));
    expect(res.status).toBe(200);
    rows.push(...res.data.result.items);
    if (page * res.data.result.pageSize >= res.data.result.total) return { rows, total: res.data.result.total as number };
  }
}

async function download(format: "csv" | "xlsx", query: string, c = cookie) {
  return (await exportRoute.loader({ request: makeRequest(`/office/volunteers/export/${format}?${query}`, { cookie: c }), params: { format }, context: { nonce: "", clientIp: "127.0.0.1" } } as never)) as Response;
}

const unguard = (v: string) => v.replace(/^'(?=[=+\-@])/, "");

describe("export of the filtered volunteer list", () => {
  it("CSV: the rows of every page, in order, with BOM and semicolons; logged", async () => {
    const { rows, total } = await pageRows(FILTER);
    expect(total).toBe(60);
    const res = await download("csv", FILTER);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="ehrenamtliche-.*\.csv"/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(bytes.toString("utf8"), { delimiter: ";", bom: true }) as string[][];
    const [header, ...data] = records;
    expect(header[0]).toBe("Name");
    expect(data.map((r) => unguard(r[0]))).toEqual(rows.map((r) => r.name));
    expect(data.map((r) => r[2])).toEqual(rows.map((r) => r.district ?? ""));
    expect(data.map((r) => r[6])).toEqual(rows.map((r) => todayOf(new Date(r.created_at))));
    // A cell that a spreadsheet would run as a formula starts with an apostrophe.
    expect(data.some((r) => r[0].startsWith("'=Formel"))).toBe(true);
    // The access log: who, which list, which filter, how many rows.
    const log = await db().selectFrom("audit_log").selectAll().where("action", "=", "export").where("actor_user_id", "=", actor.userId).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(log.entity).toBe("volunteers");
    expect(JSON.parse(log.details!)).toEqual({ filter: { status: "active", districtId: D }, format: "csv", rows: 60 });
  });

  it("keyset chunks across ties give the same rows as the pages (chunks of 7)", async () => {
    const { rows } = await pageRows(FILTER);
    const file = await exportVolunteers(actor, { status: "active", districtId: D }, { format: "csv", today: todayOf(), lang: "de", chunkSize: 7 });
    expect(file.rows).toBe(60);
    const text = await new Response(file.stream).text();
    const [, ...data] = parse(text, { delimiter: ";", bom: true }) as string[][];
    expect(data.map((r) => unguard(r[0]))).toEqual(rows.map((r) => r.name));
    // Exactly a multiple of the chunk size ends cleanly too.
    const five = await exportVolunteers(actor, { status: "active", districtId: D }, { format: "csv", today: todayOf(), lang: "de", chunkSize: 5 });
    const [, ...again] = parse(await new Response(five.stream).text(), { delimiter: ";", bom: true }) as string[][];
    expect(again.length).toBe(60);
  });

  it("languages, cover and certificate in each row are the page's, whatever the chunk (one query per chunk)", async () => {
    // Languages for every third volunteer of the filter: none, one or three, so a person's rows span the join.
    const ids = (await db().selectFrom("volunteer_profile").select("user_id").where("district_id", "=", D).where("status", "=", "active").orderBy("user_id").execute()).map((r) => r.user_id);
    const codes = ["ar", "de", "uk"] as const;
    await db().deleteFrom("volunteer_language").where("user_id", "in", ids).execute();
    const rows = ids.flatMap((id, i) => (i % 3 === 0 ? [] : codes.slice(0, i % 3 === 1 ? 1 : 3).map((code) => ({ user_id: id, language_code: code, level: i % 2 ? "native" : "B1" }))));
    await db().insertInto("volunteer_language").values(rows as never).execute();
    const { rows: page } = await pageRows(FILTER);
    const expected = (page as unknown as Array<{ name: string; languages: { code: string; level: string }[]; coveredToday: boolean; certificate: string }>).map((r) => [r.name, r.languages.map((l) => `${l.code.toUpperCase()} ${l.level}`).join(", ")]);
    expect(expected.filter(([, l]) => l.includes(",")).length).toBeGreaterThan(10);
    for (const chunkSize of [4, 500]) {
      const file = await exportVolunteers(actor, { status: "active", districtId: D }, { format: "csv", today: todayOf(), lang: "de", chunkSize });
      const [, ...data] = parse(await new Response(file.stream).text(), { delimiter: ";", bom: true }) as string[][];
      expect(data.map((r) => [unguard(r[0]), r[3]])).toEqual(expected);
      expect(data.map((r) => r[4])).toEqual((page as unknown as Array<{ coveredToday: boolean }>).map((r) => (r.coveredToday ? "Ja" : "Nein")));
      expect(data.every((r) => r[5].length > 0)).toBe(true);
    }
  });

  it("XLSX: typed cells (days as dates) that exceljs reads back; the same rows", async () => {
    const { rows } = await pageRows(`districtId=${D}`);
    expect(rows.length).toBe(75);
    const res = await download("xlsx", `districtId=${D}`);
    expect(res.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = wb.worksheets[0];
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    const [header, ...data] = values;
    expect(header[0]).toBe("Name");
    expect(data.map((r) => r[0])).toEqual(rows.map((r) => r.name));
    expect(data[0][6]).toBeInstanceOf(Date);
    expect((data[0][6] as Date).toISOString().slice(0, 10)).toBe(todayOf(new Date(rows[0].created_at)));
    const log = await db().selectFrom("audit_log").selectAll().where("action", "=", "export").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(JSON.parse(log.details!)).toEqual({ filter: { districtId: D }, format: "xlsx", rows: 75 });
  });

  it("an empty result is a file with the header only", async () => {
    const res = await download("csv", "districtId=4&status=left");
    const records = parse(Buffer.from(await res.arrayBuffer()).toString("utf8"), { delimiter: ";", bom: true }) as string[][];
    expect(records.length).toBe(1);
  });

  it("only the office may export: volunteers and association members get 403, nothing is logged", async () => {
    const before = await db().selectFrom("audit_log").select("id").where("action", "=", "export").execute();
    for (const c of [volunteerCookie, memberCookie]) {
      const res = await run(exportRoute.loader, makeRequest(`/office/volunteers/export/csv?${FILTER}`, { cookie: c }), { format: "csv" });
      expect(res.status).toBe(403);
    }
    const anon = await run(exportRoute.loader, makeRequest(`/office/volunteers/export/csv`), { format: "csv" });
    expect(anon.status).toBe(302);
    expect((await run(exportRoute.loader, makeRequest(`/office/volunteers/export/pdf`, { cookie }), { format: "pdf" })).status).toBe(404);
    const after = await db().selectFrom("audit_log").select("id").where("action", "=", "export").execute();
    expect(after.length).toBe(before.length);
  });
});

async function hoursPageRows(query: string) {
  const rows: Array<{ id: number; volunteerName: string; day: string; hours: number }> = [];
  for (let page = 1; ; page++) {
    const res = await run(hoursRoute.loader, makeRequest(`/office/hours?${query}&page=${page}`, { cookie }));
    expect(res.status).toBe(200);
    rows.push(...res.data.result.items);
    if (page * res.data.result.pageSize >= res.data.result.total) return rows;
  }
}

describe("export of the filtered hours list", () => {
  it("waiting entries oldest first and confirmed ones newest decision first, as on every page; logged", async () => {
    for (const status of ["submitted", "confirmed"] as const) {
      const rows = await hoursPageRows(`status=${status}&q=stunden`);
      expect(rows.length).toBe(status === "submitted" ? 30 : 12);
      const file = await exportHours(actor, { status, q: "stunden" }, { format: "csv", today: todayOf(), lang: "de", chunkSize: 4 });
      const [, ...data] = parse(await new Response(file.stream).text(), { delimiter: ";", bom: true }) as string[][];
      expect(data.map((r) => [r[0], r[3], r[4]])).toEqual(rows.map((r) => [r.volunteerName, r.day, String(r.hours).replace(".", ",")]));
    }
    const res = (await hoursExportRoute.loader({ request: makeRequest(`/office/hours/export/xlsx?status=confirmed`, { cookie }), params: { format: "xlsx" }, context: { nonce: "", clientIp: "127.0.0.1" } } as never)) as Response;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const hours: unknown[] = [];
    wb.worksheets[0].eachRow((row, n) => n > 1 && hours.push((row.values as unknown[])[5]));
    expect(hours.length).toBe(12);
    expect(hours.every((h) => typeof h === "number")).toBe(true);
    const log = await db().selectFrom("audit_log").selectAll().where("action", "=", "export").where("entity", "=", "hours").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(JSON.parse(log.details!)).toEqual({ filter: { status: "confirmed" }, format: "xlsx", rows: 12 });
  });

  it("association members, who see their hours list, may not export it", async () => {
    const res = await run(hoursExportRoute.loader, makeRequest(`/office/hours/export/csv`, { cookie: memberCookie }), { format: "csv" });
    expect(res.status).toBe(403);
  });
});

describe("export of the filtered household list", () => {
  it("the codes and counts of every page, in order (keyset on the code); logged; the office only", async () => {
    for (let i = 0; i < 31; i++) await createTestHousehold(db(), { code: `HX-${String(100 - i * 3).padStart(3, "0")}`, districtId: 3, adults: 1 + (i % 3), childrenYears: i % 2 ? [2019] : [] });
    const rows: Array<{ code: string; adults: number; children: number }> = [];
    for (let page = 1; ; page++) {
      const res = await run(householdsRoute.loader, makeRequest(`/office/households?districtId=3&page=${page}`, { cookie }));
      rows.push(...res.data.result.items);
      if (page * res.data.result.pageSize >= res.data.result.total) break;
    }
    expect(rows.length).toBe(31);
    const file = await exportHouseholds(actor, { districtId: 3 }, { format: "csv", today: todayOf(), lang: "de", chunkSize: 4 });
    const [, ...data] = parse(await new Response(file.stream).text(), { delimiter: ";", bom: true }) as string[][];
    expect(data.map((r) => [r[0], r[2], r[3]])).toEqual(rows.map((r) => [r.code, String(r.adults), String(r.children)]));
    const res = (await householdsExportRoute.loader({ request: makeRequest(`/office/households/export/xlsx?districtId=3&q=HX`, { cookie }), params: { format: "xlsx" }, context: { nonce: "", clientIp: "127.0.0.1" } } as never)) as Response;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(wb.worksheets[0].rowCount).toBe(32);
    const log = await db().selectFrom("audit_log").selectAll().where("action", "=", "export").where("entity", "=", "households").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(JSON.parse(log.details!)).toEqual({ filter: { q: "HX", districtId: 3 }, format: "xlsx", rows: 31 });
    expect((await run(householdsExportRoute.loader, makeRequest(`/office/households/export/csv`, { cookie: memberCookie }), { format: "csv" })).status).toBe(403);
  });
});
