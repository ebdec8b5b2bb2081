/**
 * The office's coverage lists at scale: `/office/hours` pages, filters and counts in SQL; bad parameters give a page, never a
 * 500; association members never reach another organisation's hours; a decision returns to the
 * list it was made on, and only to that list.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import { addDaysToDay, addYearsToDay, berlinDay } from "../../../app/utils/dates";
import * as hours from "../../../app/routes/office.hours";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestOrganisation, createTestUser } from "../../factories";
import { createTestAssignment, createTestHours } from "../../factories/coverage";

const today = berlinDay(new Date());
const day = (n: number) => addDaysToDay(today, n);
let coordinator: { id: string; cookie: string };
let member: { id: string; cookie: string };
let volunteerCookie: string;
let ownOrg: number;
let otherOrg: number;
/** Submitted entries, oldest first (created one minute apart). */
const waiting: number[] = [];
const otherWaiting: number[] = [];
let anna: string;
let berta: string;

type HoursItem = { id: number; volunteerName: string; organisationName: string; day: string };

async function hoursPage(qs: string, cookie = coordinator.cookie) {
  const res = await run(hours.loader, makeRequest(`/office/hours${qs}`, { cookie }));
  expect(res.status, qs).toBe(200);
  return res.data as { filters: Record<string, unknown>; ignored: string[]; result: { items: HoursItem[]; total: number; page: number; pageSize: number } };
}

/** Every entry of a list, page by page. */
async function allHours(qs: string, cookie = coordinator.cookie): Promise<HoursItem[]> {
  const out: HoursItem[] = [];
  for (let page = 1; ; page++) {
    const { result } = await hoursPage(`${qs}${qs.includes("?") ? "&" : "?"}page=${page}`, cookie);
    expect(result.page).toBe(page);
    out.push(...result.items);
    if (page * result.pageSize >= result.total) return out;
  }
}

beforeAll(async () => {
  const db = getDb();
  ownOrg = (await createTestOrganisation(db, { name: "Hausaufgabenhilfe Anrath e.V." })).id;
  otherOrg = (await createTestOrganisation(db, { name: "Kleiderkammer Neersen e.V." })).id;
  const c = await createTestUser(db, { roles: ["coordinator"] });
  const m = await createTestUser(db, { roles: ["association_member"], organisationIds: [ownOrg] });
  const v = await createTestUser(db, { roles: ["volunteer"] });
  coordinator = { id: c.id, cookie: await sessionCookie(c.id) };
  member = { id: m.id, cookie: await sessionCookie(m.id) };
  volunteerCookie = await sessionCookie(v.id);
  anna = (await createTestUser(db, { roles: ["volunteer"], name: "Anna Özdemir" })).id;
  berta = (await createTestUser(db, { roles: ["volunteer"], name: "Berta 100%_Kraft" })).id;
  const annaOwn = (await createTestAssignment(db, { volunteerId: anna, organisationId: ownOrg, createdBy: c.id, activity: "Hausaufgaben", startDay: addYearsToDay(today, -2) })).id;
  const bertaOther = (await createTestAssignment(db, { volunteerId: berta, organisationId: otherOrg, createdBy: c.id, activity: "Kleiderkammer", startDay: addYearsToDay(today, -2) })).id;
  // 230 waiting entries of the member's organisation (more than the old cut-off of 200), 30 of another.
  const start = Date.parse("2026-01-01T08:00:00.000Z");
  for (let i = 0; i < 230; i++) {
    waiting.push((await createTestHours(db, { assignmentId: annaOwn, day: day(-1 - (i % 300)), createdAt: new Date(start + i * 60_000).toISOString() })).id);
  }
  for (let i = 0; i < 30; i++) {
    otherWaiting.push((await createTestHours(db, { assignmentId: bertaOther, day: day(-400 - i), createdAt: new Date(start + (i + 0.5) * 60_000).toISOString() })).id);
  }
  // Decided entries, decided one after the other.
  for (let i = 0; i < 40; i++) {
    const { id } = await createTestHours(db, { assignmentId: i % 2 ? annaOwn : bertaOther, day: day(-i - 1), status: i % 4 === 3 ? "rejected" : "confirmed" });
    await db
      .updateTable("hours_entry")
      .set({ decided_by: c.id, decided_at: new Date(start + i * 3_600_000).toISOString(), decision_reason: i % 4 === 3 ? "doppelt" : null })
      .where("id", "=", id)
      .execute();
  }
});

describe("/office/hours", () => {
  it("pages through every waiting entry, oldest first (nothing cut off at 200)", async () => {
    const first = await hoursPage("");
    expect(first.result).toMatchObject({ total: 260, page: 1, pageSize: 25 });
    expect(first.result.items).toHaveLength(25);
    const second = await hoursPage("?page=2");
    expect(second.result.items).toHaveLength(25);
    expect(second.result.items.map((r) => r.id)).not.toContain(first.result.items[0].id);
    const everything = await allHours("");
    expect(everything).toHaveLength(260);
    expect(new Set(everything.map((r) => r.id)).size).toBe(260);
    // Oldest first across page boundaries, also on the pages read from the end.
    const byAge = (await getDb().selectFrom("hours_entry").select("id").where("status", "=", "submitted").orderBy("created_at").orderBy("id").execute()).map((r) => r.id);
    expect(byAge[0]).toBe(waiting[0]);
    expect(byAge[1]).toBe(otherWaiting[0]);
    expect(everything.map((r) => r.id)).toEqual(byAge);
    const last = await hoursPage("?page=11");
    expect(last.result.items.map((r) => r.id)).toEqual(byAge.slice(250));
  });

  it("decided lists show the newest decision first", async () => {
    const confirmed = await allHours("?status=confirmed");
    expect(confirmed).toHaveLength(30);
    const rejected = await allHours("?status=rejected");
    expect(rejected).toHaveLength(10);
    const decided = await getDb().selectFrom("hours_entry").select(["id", "decided_at"]).where("status", "=", "confirmed").orderBy("decided_at", "desc").execute();
    expect(confirmed.map((r) => r.id)).toEqual(decided.map((r) => r.id));
  });

  it("filters by the volunteer's name (LIKE characters taken literally), organisation and days", async () => {
    expect((await allHours("?q=zdemir")).map((r) => r.volunteerName)).toEqual(Array(230).fill("Anna Özdemir"));
    expect((await hoursPage("?q=100%25_")).result.total).toBe(30);
    expect((await hoursPage("?q=%25")).result.total).toBe(30);
    expect((await hoursPage("?q=_")).result.total).toBe(30);
    expect((await hoursPage("?q=niemand")).result.total).toBe(0);
    const other = await allHours("?org=Neersen");
    expect(other.map((r) => r.id).sort()).toEqual([...otherWaiting].sort());
    const window = await allHours(`?from=${day(-10)}&to=${day(-1)}`);
    expect(window.length).toBeGreaterThan(0);
    for (const r of window) expect(r.day >= day(-10) && r.day <= day(-1)).toBe(true);
    const dbCount = await getDb().selectFrom("hours_entry").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "submitted").where("day", ">=", day(-10)).where("day", "<=", day(-1)).executeTakeFirstOrThrow();
    expect(window).toHaveLength(Number(dbCount.n));
    expect((await hoursPage(`?status=confirmed&q=Anna&from=${day(-40)}`)).result.total).toBe(10);
  });

  it("association members see only their organisations' hours, whatever the filters say", async () => {
    const mine = await allHours("", member.cookie);
    expect(mine.map((r) => r.id).sort()).toEqual([...waiting].sort());
    expect((await hoursPage("?org=Neersen", member.cookie)).result.total).toBe(0);
    expect((await hoursPage("?q=Berta", member.cookie)).result.total).toBe(0);
    expect((await hoursPage(`?organisationId=${otherOrg}`, member.cookie)).result.total).toBe(230);
    for (const status of ["confirmed", "rejected"]) {
      for (const r of await allHours(`?status=${status}`, member.cookie)) expect(r.organisationName).toBe("Hausaufgabenhilfe Anrath e.V.");
    }
    expect((await run(hours.loader, makeRequest("/office/hours?org=Neersen", { cookie: volunteerCookie }))).status).toBe(403);
  });

  it.each([
    ["?page=abc", 1],
    ["?page=-1", 1],
    ["?page=0", 1],
    ["?page=1.5", 1],
    ["?page=99999", 11],
    ["?page=999999999999999999999", 1],
  ])("%s gives page %i", async (qs, page) => {
    const { result } = await hoursPage(qs);
    expect(result.page).toBe(page);
    expect(result.items.length).toBeGreaterThan(0);
  });

  it("unknown or malformed filters are ignored and said so", async () => {
    const unknown = await hoursPage("?status=deleted&from=2026-02-31&to=gestern");
    expect(unknown.filters.status).toBe("submitted");
    expect(unknown.ignored.sort()).toEqual(["from", "status", "to"]);
    expect(unknown.result.total).toBe(260);
    const long = await hoursPage(`?q=${"a".repeat(5000)}&org[]=x&status=submitted&status=confirmed`);
    expect(long.result.total).toBe(0);
    expect((await hoursPage("?q=%27%20or%201%3D1--")).result.total).toBe(0);
  });

  it("after a decision the office returns to the same list; other return paths fall back to /office/hours", async () => {
    const list = `/office/hours?status=submitted&q=Anna&page=3`;
    const decide = (entryId: number, returnTo: string) =>
      run(hours.action, makeRequest(list, { form: { intent: "confirm", entryId: String(entryId), returnTo }, cookie: coordinator.cookie }));
    const res = await decide(waiting[0], list);
    expect(res.status).toBe(302);
    expect(res.location).toBe(list);
    expect(res.headers.get("set-cookie")).toContain("eh_flash");
    for (const [i, evil] of ["//evil.com", "https://evil.com", "/\\evil.com", "/office/volunteers?x=1", "/office/hours/../../login", "javascript:alert(1)", ""].entries()) {
      const r = await decide(waiting[i + 1], evil);
      expect(r.status, evil).toBe(302);
      expect(r.location, evil).toBe("/office/hours");
    }
    const noField = await run(hours.action, makeRequest("/office/hours", { form: { intent: "confirm", entryId: String(waiting[10]) }, cookie: coordinator.cookie }));
    expect(noField.location).toBe("/office/hours");
  });

  it("a rejection without a reason answers for its row and keeps nothing else", async () => {
    const res = await run(hours.action, makeRequest("/office/hours?page=2", { form: { intent: "reject", entryId: String(waiting[20]), reason: "", returnTo: "/office/hours?page=2" }, cookie: member.cookie }));
    expect(res.status).toBe(400);
    expect(res.data).toMatchObject({ entryId: String(waiting[20]), errors: { reason: ["coverage:errors.reasonRequired"] } });
    const other = await run(hours.action, makeRequest("/office/hours", { form: { intent: "confirm", entryId: String(otherWaiting[0]), returnTo: "/office/hours" }, cookie: member.cookie }));
    expect(other.status).toBe(404);
  });
});
