/**
 * The office volunteer list's filters "covered today", "certificate state" and "Ehrenamtskarte",
 * and the skill filter matching a part of a tag. The filters run in SQL; the page's columns come
 * from the rules in policy.ts: both must agree for every volunteer.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import { addDaysToDay, addYearsToDay, berlinDay } from "../../../app/utils/dates";
import * as list from "../../../app/routes/office.volunteers._index";
import * as detail from "../../../app/routes/office.volunteers.$id";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";
import { createTestAssignment, createTestHours, createTestInspection } from "../../factories/coverage";

const today = berlinDay(new Date());
const day = (n: number) => addDaysToDay(today, n);
let coordinator: string;
const ids: Record<string, string> = {};

type Item = { id: string; name: string; coveredToday: boolean; certificate: string };

async function all(qs = ""): Promise<Item[]> {
  const out: Item[] = [];
  for (let page = 1; ; page++) {
    const res = await run(list.loader, makeRequest(`/office/volunteers?${qs}&page=${page}`, { cookie: coordinator }));
    expect(res.status, qs).toBe(200);
    out.push(...res.data.result.items);
    if (page * res.data.result.pageSize >= res.data.result.total) return out;
  }
}
const names = async (qs: string) => (await all(qs)).map((i) => i.name).sort();

beforeAll(async () => {
  const db = getDb();
  const c = await createTestUser(db, { roles: ["coordinator"] });
  coordinator = await sessionCookie(c.id);
  const city = (await createTestOrganisation(db, { name: "Stadt Willich", legalForm: "city" })).id;
  const club = (await createTestOrganisation(db, { name: "Jugendtreff e.V." })).id;
  const expired = (await createTestOrganisation(db, { name: "Abgelaufen e.V.", policyValidUntil: day(-1) })).id;
  const church = (await createTestOrganisation(db, { name: "Gemeinde", legalForm: "other" })).id;
  const vol = async (key: string, o: Parameters<typeof createTestVolunteer>[1] = {}) => (ids[key] = (await createTestVolunteer(db, { name: key, ...o })).id);
  const assign = (key: string, organisationId: number, o: Partial<Parameters<typeof createTestAssignment>[1]> = {}) =>
    createTestAssignment(db, { volunteerId: ids[key], organisationId, createdBy: c.id, ...o });
  const inspect = (key: string, certificateDate: string, relevantConviction = false) => createTestInspection(db, { volunteerId: ids[key], inspectedBy: c.id, certificateDate, inspectedOn: certificateDate, relevantConviction });

  // Cover today
  await vol("coverCity", { status: "active", skills: ["Fahrrad reparieren", "Übersetzen Arabisch"] });
  await assign("coverCity", city, { startDay: day(-10) });
  await vol("coverClosedToday");
  await assign("coverClosedToday", city, { startDay: day(-10), closedOn: day(0) });
  await vol("coverAssociation", { status: "active" });
  await assign("coverAssociation", club, { startDay: day(-10), endDay: day(0) });
  await vol("noCoverExpiredPolicy", { status: "active" });
  await assign("noCoverExpiredPolicy", expired, { startDay: day(-10) });
  await vol("noCoverClosedYesterday");
  await assign("noCoverClosedYesterday", city, { startDay: day(-10), closedOn: day(-1) });
  await vol("noCoverFuture");
  await assign("noCoverFuture", city, { startDay: day(1) });
  await vol("noCoverOtherOrganiser");
  await assign("noCoverOtherOrganiser", church, { startDay: day(-10) });
  await vol("noCoverNone", { skills: ["Kochen 100%"].map((s) => s.toLowerCase()) });

  // Certificate state (assignments with minors with the expired-policy club: no cover, so the groups stay apart)
  const minors = (key: string, o: Partial<Parameters<typeof createTestAssignment>[1]> = {}) => assign(key, expired, { worksWithMinors: true, startDay: day(-100), ...o });
  await vol("certMissing");
  await minors("certMissing");
  await vol("certUpcoming");
  await minors("certUpcoming", { startDay: day(20) });
  await vol("certValid");
  await minors("certValid");
  await inspect("certValid", day(-100));
  await vol("certDueSoon");
  await minors("certDueSoon");
  await inspect("certDueSoon", addDaysToDay(addYearsToDay(today, -5), 30));
  await vol("certOverdue");
  await minors("certOverdue");
  await inspect("certOverdue", addDaysToDay(addYearsToDay(today, -5), -1));
  await vol("certConviction");
  await minors("certConviction");
  await inspect("certConviction", day(-100), true);
  await vol("certEnded");
  await minors("certEnded", { endDay: day(-5) });
  await inspect("certEnded", day(-100));

  // Ehrenamtskarte NRW (250 confirmed hours in the last 12 months; hours of all organisers add up)
  await vol("karteOne");
  const k1 = (await assign("karteOne", church, { startDay: day(-400) })).id;
  for (let i = 0; i < 13; i++) await createTestHours(db, { assignmentId: k1, day: day(-10 - i * 7), hours: 20, status: "confirmed" });
  await vol("karteTwoOrganisers");
  const k2a = (await assign("karteTwoOrganisers", church, { startDay: day(-400) })).id;
  const k2b = (await assign("karteTwoOrganisers", expired, { startDay: day(-400) })).id;
  for (let i = 0; i < 13; i++) await createTestHours(db, { assignmentId: i % 2 ? k2a : k2b, day: day(-3 - i * 7), hours: 20, status: "confirmed" });
  await vol("karteTooOld");
  const k3 = (await assign("karteTooOld", church, { startDay: day(-800) })).id;
  for (let i = 0; i < 15; i++) await createTestHours(db, { assignmentId: k3, day: day(-370 - i), hours: 20, status: "confirmed" });
  await vol("karteUnconfirmed");
  const k4 = (await assign("karteUnconfirmed", church, { startDay: day(-400) })).id;
  for (let i = 0; i < 15; i++) await createTestHours(db, { assignmentId: k4, day: day(-10 - i), hours: 20, status: "submitted" });
});

describe("filter: covered today", () => {
  it("yes and no split the list by the rule of 'covered on day D?' (start and closing day count, expired policy and other organisers do not)", async () => {
    expect(await names("cover=yes")).toEqual(["coverAssociation", "coverCity", "coverClosedToday"]);
    const no = await names("cover=no");
    for (const n of ["noCoverExpiredPolicy", "noCoverClosedYesterday", "noCoverFuture", "noCoverOtherOrganiser", "noCoverNone"]) expect(no).toContain(n);
    const everyone = await all();
    expect((await all("cover=yes")).length + no.length).toBe(everyone.length);
  });

  it("the SQL filter and the page column (policy.ts) agree for every volunteer", async () => {
    const covered = new Set((await all("cover=yes")).map((i) => i.id));
    for (const item of await all()) expect(item.coveredToday, item.name).toBe(covered.has(item.id));
  });

  it("combines with the other filters", async () => {
    expect(await names("cover=yes&status=active")).toEqual(["coverAssociation", "coverCity"]);
    expect(await names("cover=no&status=active")).toEqual(["noCoverExpiredPolicy"]);
  });
});

describe("filter: certificate state", () => {
  it("needed but missing (also for an assignment still to come), valid, due soon, expired or refused", async () => {
    expect(await names("certificate=missing")).toEqual(["certMissing", "certUpcoming"]);
    expect(await names("certificate=valid")).toEqual(["certValid"]);
    expect(await names("certificate=dueSoon")).toEqual(["certDueSoon"]);
    expect(await names("certificate=expired")).toEqual(["certConviction", "certOverdue"]);
  });

  it("not needed: everyone without an assignment with minors now or to come, even with a record", async () => {
    const notNeeded = await names("certificate=notNeeded");
    expect(notNeeded).toContain("certEnded");
    expect(notNeeded).toContain("coverCity");
    for (const n of ["certMissing", "certUpcoming", "certValid", "certDueSoon", "certOverdue", "certConviction"]) expect(notNeeded).not.toContain(n);
  });

  it("the filter and the page column agree for every volunteer", async () => {
    for (const state of ["notNeeded", "missing", "valid", "dueSoon", "expired"]) {
      const ids = new Set((await all(`certificate=${state}`)).map((i) => i.id));
      for (const item of await all()) expect(item.certificate === state, `${item.name} ${state}`).toBe(ids.has(item.id));
    }
  });
});

describe("filter: Ehrenamtskarte NRW", () => {
  it("eligible with 250 confirmed hours in 12 months, also from two organisers; not with old or unconfirmed hours", async () => {
    expect(await names("karte=yes")).toEqual(["karteOne", "karteTwoOrganisers"]);
    const no = await names("karte=no");
    expect(no).toContain("karteTooOld");
    expect(no).toContain("karteUnconfirmed");
    expect(no).not.toContain("karteOne");
  });
});

describe("filter: skill", () => {
  it("matches a part of a tag, case-insensitively, with % and _ as plain characters", async () => {
    expect(await names("skill=REPARIER")).toEqual(["coverCity"]);
    // Stored as typed, found in any case, also beyond ASCII.
    expect(await names("skill=übersetzen")).toEqual(["coverCity"]);
    expect(await names("skill=  fahrrad   rep ")).toEqual(["coverCity"]);
    expect(await names("skill=100%25")).toEqual(["noCoverNone"]);
    expect(await names("skill=f%25n")).toEqual([]);
  });
});

describe("malformed filters", () => {
  it("are ignored, never an error", async () => {
    for (const qs of ["cover=maybe", "certificate=forged", "karte=1", "cover=yes&certificate=valid&karte=yes&page=99"]) {
      const res = await run(list.loader, makeRequest(`/office/volunteers?${qs}`, { cookie: coordinator }));
      expect(res.status, qs).toBe(200);
    }
    const all = await run(list.loader, makeRequest("/office/volunteers?cover=maybe&certificate=forged", { cookie: coordinator }));
    expect(all.data.filters.cover).toBeUndefined();
    expect(all.data.filters.certificate).toBeUndefined();
  });
});

describe("the office's record of a volunteer", () => {
  it("shows the assignments, today's cover and the certificate state", async () => {
    const res = await run(detail.loader, makeRequest(`/office/volunteers/${ids.certDueSoon}`, { cookie: coordinator }), { id: ids.certDueSoon });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ coveredToday: false, certificate: "dueSoon", canManageAssignments: true });
    expect(res.data.assignments).toHaveLength(1);
    const city = await run(detail.loader, makeRequest(`/office/volunteers/${ids.coverCity}`, { cookie: coordinator }), { id: ids.coverCity });
    expect(city.data).toMatchObject({ coveredToday: true, certificate: "notNeeded" });
  });
});

describe("the list's totals (kept per filter while the data is unchanged)", () => {
  const total = async (qs: string) => (await run(list.loader, makeRequest(`/office/volunteers?${qs}`, { cookie: coordinator }))).data.result.total as number;

  it("follow a new volunteer, a changed language, a new assignment and an erasure at once", async () => {
    const db = getDb();
    const all = await total("");
    const speakers = await total("language=sw");
    const insured = await total("cover=yes");
    const v = await createTestVolunteer(db, { name: "Zoe Zählprobe", status: "active" });
    expect(await total("")).toBe(all + 1);
    expect(await total("q=Zählprobe")).toBe(1);
    expect(await total("language=sw")).toBe(speakers);
    await db.insertInto("volunteer_language").values({ user_id: v.id, language_code: "sw", level: "B1" }).execute();
    expect(await total("language=sw")).toBe(speakers + 1);
    const city = await createTestOrganisation(db, { name: "Stadt Zählprobe", legalForm: "city" });
    const office = await createTestUser(db, { roles: ["coordinator"] });
    await createTestAssignment(db, { volunteerId: v.id, organisationId: city.id, createdBy: office.id, startDay: day(-1) });
    expect(await total("cover=yes")).toBe(insured + 1);
    await db.updateTable("volunteer_profile").set({ erased_at: new Date().toISOString() }).where("user_id", "=", v.id).execute();
    expect(await total("")).toBe(all);
    expect(await total("language=sw")).toBe(speakers);
  });
});

describe("the count that rides along with the page (one round trip)", () => {
  const result = async (qs: string) => (await run(list.loader, makeRequest(`/office/volunteers?${qs}`, { cookie: coordinator }))).data.result;

  it("is 0 when nothing matches, and still counted on a page beyond the last", async () => {
    const none = await result("q=Niemandheisstso");
    expect(none.items).toEqual([]);
    expect(none.total).toBe(0);
    const first = await result("q=cover");
    expect(first.total).toBeGreaterThan(0);
    expect(first.items.length).toBe(Math.min(first.total, first.pageSize));
    const beyond = await result(`q=cover&page=${Math.ceil(first.total / first.pageSize) + 3}`);
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(first.total);
  });
});
