/**
 * Drill-down (issue #16): each linked figure of /office/reports leads to the office list with the
 * report's period (and district), and that list has as many records as the figure counts. Opening
 * people's records from a figure is written to the access log.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import * as overviewRoute from "../../../app/routes/office.reports._index";
import * as volunteersRoute from "../../../app/routes/office.volunteers._index";
import * as hoursRoute from "../../../app/routes/office.hours";
import * as assignmentsRoute from "../../../app/routes/office.assignments._index";
import * as handedRoute from "../../../app/routes/office.donations.handed-over";
import * as handedExport from "../../../app/routes/office.donations.handed-over_.export.$format";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";
import { createTestAssignment, createTestHours } from "../../factories/coverage";
import { createTestHousehold, createTestMatch, createTestNeed, createTestOffer } from "../../factories/donations";
import { parse } from "csv-parse/sync";

const db = () => getDb();
const Q = "kind=quarter&quarter=2026-Q1";
let cookie: string;
let coordinatorId: string;

beforeAll(async () => {
  const u = await createTestUser(db(), { roles: ["coordinator"] });
  coordinatorId = u.id;
  cookie = await sessionCookie(u.id);
  const org = await createTestOrganisation(db(), {});
  // 7 volunteers registered in Q1 (district 2 for four of them), 3 before; 5 active in Q1 through assignments.
  const people = [];
  for (let i = 0; i < 10; i++)
    people.push(await createTestVolunteer(db(), { name: `Drill Person ${i}`, status: "active", districtId: i < 4 ? 2 : 3, createdAt: i < 7 ? `2026-0${1 + (i % 3)}-10T10:00:00.000Z` : "2025-11-10T10:00:00.000Z" }));
  // Running in Q1: 0..4 (one ends on the first day, one starts on the last day); not: 5 (ended 2025), 6 (starts in April), 7 (closed before Q1).
  const a = [
    await createTestAssignment(db(), { volunteerId: people[0].id, organisationId: org.id, createdBy: u.id, startDay: "2025-06-01" }),
    await createTestAssignment(db(), { volunteerId: people[1].id, organisationId: org.id, createdBy: u.id, startDay: "2025-06-01", endDay: "2026-01-01" }),
    await createTestAssignment(db(), { volunteerId: people[2].id, organisationId: org.id, createdBy: u.id, startDay: "2026-03-31" }),
    await createTestAssignment(db(), { volunteerId: people[3].id, organisationId: org.id, createdBy: u.id, startDay: "2026-02-01", endDay: "2026-02-28" }),
    await createTestAssignment(db(), { volunteerId: people[4].id, organisationId: org.id, createdBy: u.id, startDay: "2026-01-15" }),
  ];
  await createTestAssignment(db(), { volunteerId: people[5].id, organisationId: org.id, createdBy: u.id, startDay: "2025-01-01", endDay: "2025-12-31" });
  await createTestAssignment(db(), { volunteerId: people[6].id, organisationId: org.id, createdBy: u.id, startDay: "2026-04-01" });
  await createTestAssignment(db(), { volunteerId: people[7].id, organisationId: org.id, createdBy: u.id, startDay: "2025-01-01", closedOn: "2025-12-20" });
  // Confirmed hours: 6 in Q1 (on its first and last day too), 2 outside; 3 waiting in Q1 do not count.
  for (const day of ["2026-01-01", "2026-01-20", "2026-02-02", "2026-02-27", "2026-03-15", "2026-03-31"]) await createTestHours(db(), { assignmentId: a[0].id, day, status: "confirmed" });
  for (const day of ["2025-12-31", "2026-04-01"]) await createTestHours(db(), { assignmentId: a[0].id, day, status: "confirmed" });
  for (const day of ["2026-01-05", "2026-01-06", "2026-01-07"]) await createTestHours(db(), { assignmentId: a[4].id, day });
  // Donations: 3 handed over in Q1 (Berlin days: 31 Mar 23:30 in Berlin is still Q1), 1 on 1 April Berlin time, 1 only reserved.
  const h = await createTestHousehold(db(), { code: "DR-001", districtId: 2 });
  const at = ["2026-01-10T10:00:00.000Z", "2026-02-10T10:00:00.000Z", "2026-03-31T21:30:00.000Z", "2026-03-31T22:30:00.000Z", null];
  for (const outcome of at) {
    const need = await createTestNeed(db(), h.id, { quantity: 1 });
    const offer = await createTestOffer(db(), { districtId: 2 });
    const m = await createTestMatch(db(), need.id, offer.id, { createdAt: "2026-01-05T10:00:00.000Z" });
    if (outcome) await db().updateTable("donation_match").set({ state: "handed_over", outcome_at: outcome }).where("id", "=", m.id).execute();
  }
});

type Figures = Map<string, number>;
async function report(query: string) {
  const res = await run(overviewRoute.loader as never, makeRequest(`/office/reports?${query}`, { cookie }));
  expect(res.status).toBe(200);
  const figures: Figures = new Map();
  for (const s of res.data.report.sections) for (const t of s.tables) for (const r of t.rows) figures.set(`${t.key}:${r.id}`, r.value);
  return { figures, links: res.data.links as Record<string, string> };
}

const totalOf = async (loader: unknown, href: string) => {
  const res = await run(loader as never, makeRequest(href, { cookie }));
  expect(res.status).toBe(200);
  return res.data.result.total as number;
};

describe("report figures link to their records", () => {
  it("each linked figure's list has as many records as the figure counts (a quarter)", async () => {
    const { figures, links } = await report(Q);
    expect(figures.get("volunteers.totals:active")).toBe(5);
    expect(figures.get("volunteers.totals:new")).toBe(7);
    expect(figures.get("hours.people:hourEntries")).toBe(6);
    expect(figures.get("assignments.totals:running")).toBe(5);
    expect(figures.get("donations.totals:handedOver")).toBe(3);
    expect(links["volunteers.totals:active"]).toBe("/office/volunteers?in=active&from=2026-01-01&to=2026-03-31");
    expect(await totalOf(volunteersRoute.loader, links["volunteers.totals:active"])).toBe(5);
    expect(await totalOf(volunteersRoute.loader, links["volunteers.totals:new"])).toBe(7);
    expect(await totalOf(hoursRoute.loader, links["hours.people:hourEntries"])).toBe(6);
    expect(links["hours.confirmed:hoursConfirmed"]).toBe(links["hours.people:hourEntries"]);
    expect(await totalOf(assignmentsRoute.loader, links["assignments.totals:running"])).toBe(5);
    expect(await totalOf(handedRoute.loader, links["donations.totals:handedOver"])).toBe(3);
  });

  it("with a district: the district goes along; figures whose list has no district filter are not linked", async () => {
    const { figures, links } = await report(`${Q}&districtId=2`);
    expect(links["volunteers.totals:active"]).toContain("districtId=2");
    expect(await totalOf(volunteersRoute.loader, links["volunteers.totals:active"])).toBe(figures.get("volunteers.totals:active"));
    expect(await totalOf(volunteersRoute.loader, links["volunteers.totals:new"])).toBe(figures.get("volunteers.totals:new"));
    expect(figures.get("volunteers.totals:new")).toBe(4);
    expect(await totalOf(handedRoute.loader, links["donations.totals:handedOver"])).toBe(3);
    expect(links["hours.people:hourEntries"]).toBeUndefined();
  });

  it("the people behind a figure are written to the access log", async () => {
    const { links } = await report(Q);
    const before = await db().selectFrom("audit_log").select("id").where("action", "=", "view").where("actor_user_id", "=", coordinatorId).execute();
    await run(volunteersRoute.loader as never, makeRequest(links["volunteers.totals:active"], { cookie }));
    const after = await db().selectFrom("audit_log").selectAll().where("action", "=", "view").where("actor_user_id", "=", coordinatorId).orderBy("id").execute();
    const fresh = after.slice(before.length);
    expect(fresh.length).toBe(5);
    expect(JSON.parse(fresh[0].details!)).toEqual({ via: "report:volunteers:active" });
  });

  it("the list of donations handed over exports what it shows, logged", async () => {
    const { links } = await report(Q);
    const query = links["donations.totals:handedOver"].split("?")[1];
    const res = (await handedExport.loader({ request: makeRequest(`/office/donations/handed-over/export/csv?${query}`, { cookie }), params: { format: "csv" }, context: { nonce: "", clientIp: "127.0.0.1" } } as never)) as Response;
    const [, ...rows] = parse(Buffer.from(await res.arrayBuffer()).toString("utf8"), { delimiter: ";", bom: true }) as string[][];
    expect(rows.map((r) => r[0])).toEqual(["2026-03-31", "2026-02-10", "2026-01-10"]);
    expect(rows.every((r) => r[3] === "DR-001")).toBe(true);
    const log = await db().selectFrom("audit_log").selectAll().where("action", "=", "export").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(log.entity).toBe("donations-handed-over");
    expect(JSON.parse(log.details!)).toEqual({ filter: { from: "2026-01-01", to: "2026-03-31" }, format: "csv", rows: 3 });
  });
});
