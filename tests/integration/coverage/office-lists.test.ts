/**
 * The office's coverage lists at scale: `/office/hours`, `/office/certificates` and
 * `/office/ehrenamtskarte` page, filter and count in SQL; bad parameters give a page, never a
 * 500; association members never reach another organisation's hours; a decision returns to the
 * list it was made on, and only to that list.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import { addDaysToDay, addMonthsToDay, addYearsToDay, berlinDay } from "../../../app/utils/dates";
import * as certificates from "../../../app/routes/office.certificates";
import * as hours from "../../../app/routes/office.hours";
import * as decideRoute from "../../../app/routes/office.hours_.$id.decide";
import * as karte from "../../../app/routes/office.ehrenamtskarte";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";
import { createTestAssignment, createTestHours, createTestInspection } from "../../factories/coverage";

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

const lastAuditId = async () => Number((await getDb().selectFrom("audit_log").select((eb) => eb.fn.max("id").as("id")).executeTakeFirstOrThrow()).id ?? 0);

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
      run(decideRoute.action, makeRequest(`/office/hours/${entryId}/decide?returnTo=${encodeURIComponent(returnTo)}`, { form: { intent: "confirm" }, cookie: coordinator.cookie }), { id: String(entryId) });
    const res = await decide(waiting[0], list);
    expect(res.status).toBe(302);
    expect(res.location).toBe(list);
    expect(res.headers.get("set-cookie")).toContain("eh_flash");
    for (const [i, evil] of ["//evil.com", "https://evil.com", "/\\evil.com", "/office/volunteers?x=1", "/office/hours/../../login", "javascript:alert(1)", ""].entries()) {
      const r = await decide(waiting[i + 1], evil);
      expect(r.status, evil).toBe(302);
      expect(r.location, evil).toBe("/office/hours");
    }
    const noField = await run(decideRoute.action, makeRequest(`/office/hours/${waiting[10]}/decide`, { form: { intent: "confirm" }, cookie: coordinator.cookie }), { id: String(waiting[10]) });
    expect(noField.location).toBe("/office/hours");
  });

  it("a rejection without a reason is answered on the entry's decision page; nothing is written", async () => {
    const url = `/office/hours/${waiting[20]}/decide?returnTo=${encodeURIComponent("/office/hours?page=2")}`;
    const res = await run(decideRoute.action, makeRequest(url, { form: { intent: "reject", reason: "  " }, cookie: member.cookie }), { id: String(waiting[20]) });
    expect(res.status).toBe(400);
    expect(res.data).toMatchObject({ status: "error", initialValue: { intent: "reject", reason: "  " }, error: { reason: ["coverage:errors.reasonRequired"] } });
    expect((await getDb().selectFrom("hours_entry").select("status").where("id", "=", waiting[20]).executeTakeFirstOrThrow()).status).toBe("submitted");
    const page = await run(decideRoute.loader, makeRequest(url, { cookie: member.cookie }), { id: String(waiting[20]) });
    expect(page.data).toMatchObject({ entry: { id: waiting[20], status: "submitted" }, returnTo: "/office/hours?page=2" });
    const other = await run(decideRoute.action, makeRequest(`/office/hours/${otherWaiting[0]}/decide`, { form: { intent: "confirm" }, cookie: member.cookie }), { id: String(otherWaiting[0]) });
    expect(other.status).toBe(404);
    expect((await run(decideRoute.loader, makeRequest(`/office/hours/${otherWaiting[0]}/decide`, { cookie: member.cookie }), { id: String(otherWaiting[0]) })).status).toBe(404);
  });
});

describe("/office/certificates", () => {
  const people: Record<string, string> = {};

  beforeAll(async () => {
    const db = getDb();
    const add = async (name: string, o: { minors?: "running" | "ended" | "none"; inspection?: { certificateDate: string; relevantConviction?: boolean } }) => {
      const id = (await createTestUser(db, { roles: ["volunteer"], name })).id;
      people[name] = id;
      if (o.minors === "running") await createTestAssignment(db, { volunteerId: id, organisationId: ownOrg, createdBy: coordinator.id, worksWithMinors: true, startDay: addYearsToDay(today, -6) });
      if (o.minors === "ended") await createTestAssignment(db, { volunteerId: id, organisationId: ownOrg, createdBy: coordinator.id, worksWithMinors: true, startDay: addYearsToDay(today, -6), endDay: day(-30) });
      if (o.inspection) {
        await createTestInspection(db, {
          volunteerId: id,
          inspectedBy: coordinator.id,
          certificateDate: o.inspection.certificateDate,
          inspectedOn: addDaysToDay(o.inspection.certificateDate, 10),
          relevantConviction: o.inspection.relevantConviction,
        });
      }
    };
    await add("Valid Viktor", { minors: "running", inspection: { certificateDate: addYearsToDay(today, -1) } });
    await add("Overdue Olga", { minors: "running", inspection: { certificateDate: addYearsToDay(today, -6) } });
    await add("Soon Sören", { minors: "running", inspection: { certificateDate: day(-5 * 365 + 20) } });
    await add("Conviction Carl", { minors: "running", inspection: { certificateDate: day(-100), relevantConviction: true } });
    await add("Ended Emil", { minors: "ended", inspection: { certificateDate: day(-400) } });
    await add("Missing Mia", { minors: "running" });
    // Enough valid ones for a second page.
    for (let i = 0; i < 30; i++) await add(`Valide ${String(i).padStart(2, "0")}`, { minors: "running", inspection: { certificateDate: day(-200 - i) } });
  });

  const page = async (qs: string) => {
    const res = await run(certificates.loader, makeRequest(`/office/certificates${qs}`, { cookie: coordinator.cookie }));
    expect(res.status, qs).toBe(200);
    return res.data;
  };

  it("lists the most urgent first and pages", async () => {
    const first = await page("");
    expect(first.result.total).toBe(35);
    const names = first.result.items.map((r: { volunteerName: string }) => r.volunteerName);
    expect(names.slice(0, 3).sort()).toEqual(["Conviction Carl", "Overdue Olga"].concat("Soon Sören").sort());
    expect(names[2]).toBe("Soon Sören");
    expect(first.result.items).toHaveLength(25);
    const second = await page("?page=2");
    expect(second.result.items).toHaveLength(10);
    expect(second.result.items.at(-1).volunteerName).toBe("Ended Emil");
    expect(second.result.items.at(-1)).toMatchObject({ needed: false, deletionDay: addMonthsToDay(day(-30), 3) });
  });

  it("filters by state and name", async () => {
    const names = async (qs: string) => (await page(qs)).result.items.map((r: { volunteerName: string }) => r.volunteerName);
    expect(await names("?state=overdue")).toEqual(["Overdue Olga"]);
    expect(await names("?state=dueSoon")).toEqual(["Soon Sören"]);
    expect(await names("?state=conviction")).toEqual(["Conviction Carl"]);
    expect(await names("?state=deletion")).toEqual(["Ended Emil"]);
    expect((await page("?state=valid")).result.total).toBe(32);
    expect(await names("?q=olg")).toEqual(["Overdue Olga"]);
    expect(await names("?q=Valide 0&state=valid&page=1")).toHaveLength(10);
    expect(await names("?q=%25")).toEqual([]);
  });

  it("bad parameters give the first or last page and a message, never a 500", async () => {
    for (const qs of ["?page=abc", "?page=-1", "?state=bogus", "?state=&q=", `?q=${"x".repeat(3000)}`]) await page(qs);
    expect((await page("?page=99999")).result.page).toBe(2);
    expect((await page("?state=bogus")).ignored).toBe(true);
    expect((await page("?state=bogus")).result.total).toBe(35);
  });

  it("the inspection picker lists who needs an inspection, or whoever the search finds", async () => {
    const picked = (await page("")).volunteers.map((v: { name: string }) => v.name).sort();
    // A relevant conviction counts as "expired" (certificateState), so Carl needs a new inspection too.
    expect(picked).toEqual(["Conviction Carl", "Missing Mia", "Overdue Olga", "Soon Sören"]);
    expect((await page("?who=Viktor")).volunteers.map((v: { name: string }) => v.name)).toEqual(["Valid Viktor"]);
  });

  it("logs the views of the page's volunteers only", async () => {
    const before = await lastAuditId();
    await page("?state=overdue");
    const logged = await getDb().selectFrom("audit_log").select(["entity_id", "details"]).where("action", "=", "view").where("id", ">", before).execute();
    expect(logged.map((l) => l.entity_id)).toEqual([people["Overdue Olga"]]);
    expect(JSON.parse(logged[0].details!)).toEqual({ via: "certificates" });
  });

  it("is for the office only", async () => {
    for (const cookie of [member.cookie, volunteerCookie]) expect((await run(certificates.loader, makeRequest("/office/certificates?state=overdue", { cookie }))).status).toBe(403);
  });
});

describe("/office/ehrenamtskarte", () => {
  let districtB: number;
  beforeAll(async () => {
    const db = getDb();
    const [d1, d2] = await db.selectFrom("district").select("id").orderBy("id").limit(2).execute();
    districtB = d2.id;
    for (let i = 0; i < 30; i++) {
      const id = (await createTestVolunteer(db, { name: `Karte ${String(i).padStart(2, "0")}`, districtId: i < 5 ? d2.id : d1.id })).id;
      const a = (await createTestAssignment(db, { volunteerId: id, organisationId: otherOrg, createdBy: coordinator.id, startDay: addYearsToDay(today, -1) })).id;
      // 26 eligible (250 hours), 4 not (10 hours).
      await createTestHours(db, { assignmentId: a, day: day(-3), hours: i < 26 ? 24 : 10, status: "confirmed" });
      if (i < 26) for (let k = 1; k < 11; k++) await createTestHours(db, { assignmentId: a, day: day(-3 - k), hours: 24, status: "confirmed" });
    }
  });

  const page = async (qs: string, cookie = coordinator.cookie) => {
    const res = await run(karte.loader, makeRequest(`/office/ehrenamtskarte${qs}`, { cookie }));
    expect(res.status, qs).toBe(200);
    return res.data;
  };

  it("lists eligible volunteers by name, page by page; ?all adds the others", async () => {
    const first = await page("");
    const eligible = first.result.total;
    expect(eligible).toBeGreaterThanOrEqual(26);
    expect(first.result.items).toHaveLength(25);
    const names = first.result.items.map((r: { name: string }) => r.name);
    expect(names).toEqual([...names].sort());
    const second = await page("?page=2");
    expect(second.result.items.length).toBe(eligible - 25);
    expect(second.result.items.every((r: { eligible: boolean }) => r.eligible)).toBe(true);
    expect((await page("?all=1")).result.total).toBeGreaterThan(eligible);
    expect((await page("?page=99999")).result.page).toBe(2);
  });

  it("filters by name and district", async () => {
    expect((await page("?q=Karte 2")).result.items.map((r: { name: string }) => r.name)).toEqual(["Karte 20", "Karte 21", "Karte 22", "Karte 23", "Karte 24", "Karte 25"]);
    expect((await page("?q=Karte 2&all=1")).result.total).toBe(10);
    expect((await page(`?districtId=${districtB}`)).result.items.map((r: { name: string }) => r.name)).toEqual(["Karte 00", "Karte 01", "Karte 02", "Karte 03", "Karte 04"]);
    expect((await page(`?districtId=${districtB}&q=Karte 04`)).result.total).toBe(1);
    const bad = await page("?districtId=abc&page=-4");
    expect(bad.ignored).toBe(true);
    expect(bad.result.page).toBe(1);
    expect((await page("?districtId=999999")).ignored).toBe(true);
  });

  it("logs views of the page's volunteers and is for coordinators only", async () => {
    const before = await lastAuditId();
    const shown = (await page("?q=Karte 03")).result.items.map((r: { id: string }) => r.id);
    expect(shown).toHaveLength(1);
    const logged = await getDb().selectFrom("audit_log").select(["entity_id", "details"]).where("action", "=", "view").where("id", ">", before).execute();
    expect(logged.map((l) => l.entity_id)).toEqual(shown);
    expect(JSON.parse(logged[0].details!)).toEqual({ via: "ehrenamtskarte" });
    for (const cookie of [member.cookie, volunteerCookie]) expect((await run(karte.loader, makeRequest("/office/ehrenamtskarte?all=1", { cookie }))).status).toBe(403);
  });
});
