/**
 * Association members see the volunteers with a current or upcoming assignment for their
 * organisation (/verein/volunteers): only what is needed to work together, never certificates,
 * consents, status history or other organisations' assignments; every record view is logged;
 * other ids are a 404.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import { addDaysToDay, berlinDay } from "../../../app/utils/dates";
import * as list from "../../../app/routes/verein.volunteers._index";
import * as detail from "../../../app/routes/verein.volunteers.$id";
import * as officeList from "../../../app/routes/office.volunteers._index";
import * as officeDetail from "../../../app/routes/office.volunteers.$id";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";
import { createTestAssignment, createTestInspection } from "../../factories/coverage";

const today = berlinDay(new Date());
const day = (n: number) => addDaysToDay(today, n);
const ids: Record<string, string> = {};
const cookies: Record<string, string> = {};
let own: number;
let second: number;
let other: number;

const views = (volunteerId: string) =>
  getDb().selectFrom("audit_log").selectAll().where("entity", "=", "volunteer").where("entity_id", "=", volunteerId).where("action", "=", "view").execute();

beforeAll(async () => {
  const db = getDb();
  own = (await createTestOrganisation(db, { name: "Sportverein Anrath e.V." })).id;
  second = (await createTestOrganisation(db, { name: "Nachbarschaftshilfe Neersen", legalForm: "initiative" })).id;
  other = (await createTestOrganisation(db, { name: "Kleiderkammer Schiefbahn e.V." })).id;
  const coordinator = await createTestUser(db, { roles: ["coordinator"] });
  const by = coordinator.id;
  cookies.coordinator = await sessionCookie(by);
  cookies.member = await sessionCookie((await createTestUser(db, { roles: ["association_member"], organisationIds: [own], name: "Mia Mitglied" })).id);
  cookies.twoOrgs = await sessionCookie((await createTestUser(db, { roles: ["association_member"], organisationIds: [own, second] })).id);
  cookies.otherMember = await sessionCookie((await createTestUser(db, { roles: ["association_member"], organisationIds: [other] })).id);
  cookies.noOrg = await sessionCookie((await createTestUser(db, { roles: ["association_member"] })).id);

  const vol = (name: string, o: Parameters<typeof createTestVolunteer>[1] = {}) => createTestVolunteer(db, { name, ...o }).then((v) => v.id);
  ids.running = await vol("Rana Running", { phone: "02156 11111", districtId: 3, languages: [{ code: "ar", level: "native" }, { code: "de", level: "B2" }], skills: ["nachhilfe mathe", "kochen"], availability: [{ weekday: 2, slot: "evening" }], status: "active" });
  ids.upcoming = await vol("Uwe Upcoming", { skills: ["fahrrad reparieren"] });
  ids.ended = await vol("Emil Ended");
  ids.elsewhere = await vol("Olga Other");
  ids.erased = await vol("Erik Erased");
  ids.neverStarted = await vol("Nina NeverStarted");
  ids.both = await vol("Bea Both", { skills: ["100%_sicher"] });
  ids.initiative = await vol("Ines Initiative");
  cookies.volunteer = await sessionCookie(ids.running);

  const assign = (volunteerId: string, organisationId: number, o: Partial<Parameters<typeof createTestAssignment>[1]> = {}) =>
    createTestAssignment(db, { volunteerId, organisationId, createdBy: by, ...o });
  await assign(ids.running, own, { activity: "Hausaufgabenhilfe", startDay: day(-30), worksWithMinors: true });
  await assign(ids.running, own, { activity: "Altes Sommerfest", startDay: day(-400), endDay: day(-380) });
  await createTestInspection(db, { volunteerId: ids.running, inspectedBy: by, certificateDate: day(-60), inspectedOn: day(-50) });
  await assign(ids.upcoming, own, { activity: "Fahrradwerkstatt", startDay: day(10) });
  await assign(ids.ended, own, { activity: "Turnier", startDay: day(-60), endDay: day(-1) });
  await assign(ids.elsewhere, other, { activity: "Kleiderausgabe", startDay: day(-5) });
  await assign(ids.erased, own, { activity: "Training", startDay: day(-5) });
  await db.updateTable("volunteer_profile").set({ erased_at: new Date().toISOString() }).where("user_id", "=", ids.erased).execute();
  await assign(ids.neverStarted, own, { activity: "Abgesagt", startDay: day(20), closedOn: day(-2) });
  await assign(ids.both, own, { activity: "Sprachcafé", startDay: day(-3), endDay: day(0) });
  await assign(ids.both, other, { activity: "Geheime Tätigkeit woanders", startDay: day(-3) });
  await assign(ids.initiative, second, { activity: "Einkaufshilfe", startDay: day(-3) });
});

const listAs = (cookie: string, qs = "") => run(list.loader, makeRequest(`/verein/volunteers${qs ? `?${qs}` : ""}`, { cookie }));
const names = async (cookie: string, qs = "") => (await listAs(cookie, qs)).data.result.items.map((i: { name: string }) => i.name);
const detailAs = (cookie: string | undefined, id: string) => run(detail.loader, makeRequest(`/verein/volunteers/${id}`, { cookie }), { id });

describe("/verein/volunteers: the list", () => {
  it("shows exactly the volunteers with a current or upcoming assignment for the member's organisation", async () => {
    expect(await names(cookies.member)).toEqual(["Bea Both", "Rana Running", "Uwe Upcoming"]);
    expect(await names(cookies.twoOrgs)).toEqual(["Bea Both", "Ines Initiative", "Rana Running", "Uwe Upcoming"]);
    expect(await names(cookies.otherMember)).toEqual(["Bea Both", "Olga Other"]);
  });

  it("gives name, district, languages and the activities with the member's organisations only", async () => {
    const res = await listAs(cookies.member);
    expect(res.status).toBe(200);
    const bea = res.data.result.items.find((i: { name: string }) => i.name === "Bea Both");
    expect(Object.keys(bea).sort()).toEqual(["activities", "district", "id", "languages", "name"]);
    expect(bea.activities).toEqual(["Sprachcafé"]);
    const rana = res.data.result.items.find((i: { name: string }) => i.name === "Rana Running");
    expect(rana.activities).toEqual(["Hausaufgabenhilfe"]);
    expect(rana.languages).toEqual([{ code: "ar", level: "native" }, { code: "de", level: "B2" }]);
    const text = JSON.stringify(res.data);
    expect(text).not.toContain("Geheime Tätigkeit");
    expect(text).not.toMatch(/certificate|coveredToday|"status"/);
    // The list shows no record's contact data, so it is not a record view.
    expect(await views(ids.running)).toHaveLength(0);
  });

  it("filters by name, a part of a skill, language, district and one of the member's organisations", async () => {
    expect(await names(cookies.member, "q=uwe")).toEqual(["Uwe Upcoming"]);
    expect(await names(cookies.member, "skill=MATHE")).toEqual(["Rana Running"]);
    expect(await names(cookies.member, "skill=%25_")).toEqual(["Bea Both"]);
    // Literal, not a wildcard: "m%e" would otherwise find "nachhilfe mathe".
    expect(await names(cookies.member, "skill=m%25e")).toEqual([]);
    expect(await names(cookies.member, "language=ar")).toEqual(["Rana Running"]);
    expect(await names(cookies.member, "districtId=3")).toEqual(["Rana Running"]);
    expect(await names(cookies.twoOrgs, `organisationId=${second}`)).toEqual(["Ines Initiative"]);
    // Another organisation's id is ignored: the member's own scope stays.
    expect(await names(cookies.member, `organisationId=${other}`)).toEqual(["Bea Both", "Rana Running", "Uwe Upcoming"]);
    // Office-only filters are not understood here.
    expect(await names(cookies.member, "certificate=valid&cover=yes&status=left&karte=yes")).toEqual(["Bea Both", "Rana Running", "Uwe Upcoming"]);
  });

  it("ignores malformed filters instead of failing", async () => {
    for (const qs of ["districtId=abc", "language=de'--", "organisationId=-1", "page=-5", "skill=" + "x".repeat(500), "q=" + "%".repeat(300), "page=1e9"]) {
      expect((await listAs(cookies.member, qs)).status, qs).toBe(200);
    }
  });

  it("is 403 for volunteers, coordinators and members without an organisation; anonymous visitors log in", async () => {
    for (const who of ["volunteer", "coordinator", "noOrg"]) expect((await listAs(cookies[who])).status, who).toBe(403);
    expect((await run(list.loader, makeRequest("/verein/volunteers"))).location).toMatch(/^\/login\?redirectTo=%2Fverein%2Fvolunteers/);
  });
});

describe("/verein/volunteers/$id: the record", () => {
  it("shows contact, district, languages, skills, availability and the member's assignments, and logs the view", async () => {
    const res = await detailAs(cookies.member, ids.running);
    expect(res.status).toBe(200);
    const v = res.data.volunteer;
    expect(Object.keys(v).sort()).toEqual(["assignments", "availability", "district", "email", "id", "languages", "name", "phone", "skills"]);
    expect(v).toMatchObject({ name: "Rana Running", phone: "02156 11111", skills: ["kochen", "nachhilfe mathe"], availability: [{ weekday: 2, slot: "evening" }] });
    // Past assignments with the member's organisation are part of their shared work.
    expect(v.assignments.map((a: { activity: string }) => a.activity)).toEqual(["Hausaufgabenhilfe", "Altes Sommerfest"]);
    const text = JSON.stringify(res.data);
    for (const secret of ["certificate", "inspect", "consent", "history", "intake", "gender", "birth", "status"]) expect(text.toLowerCase()).not.toContain(secret);
    const logged = await views(ids.running);
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0].details!)).toEqual({ via: "association" });
  });

  it("shows only the member's organisation's assignments of a volunteer who also works elsewhere", async () => {
    const res = await detailAs(cookies.member, ids.both);
    expect(res.data.volunteer.assignments.map((a: { activity: string }) => a.activity)).toEqual(["Sprachcafé"]);
    expect(JSON.stringify(res.data)).not.toContain("Geheime");
    const theirs = await detailAs(cookies.otherMember, ids.both);
    expect(theirs.data.volunteer.assignments.map((a: { activity: string }) => a.activity)).toEqual(["Geheime Tätigkeit woanders"]);
  });

  it("is 404 (never 403) for anyone outside the member's scope, unknown and malformed ids; nothing is logged", async () => {
    for (const key of ["ended", "elsewhere", "erased", "neverStarted", "initiative"]) {
      expect((await detailAs(cookies.member, ids[key])).status, key).toBe(404);
    }
    expect((await detailAs(cookies.otherMember, ids.running)).status).toBe(404);
    for (const id of ["unknown123", "ABC", "../x", "x".repeat(41)]) expect((await detailAs(cookies.member, id)).status, id).toBe(404);
    for (const key of ["ended", "elsewhere", "erased", "neverStarted", "initiative"]) expect(await views(ids[key]), key).toHaveLength(0);
  });

  it("is 403 for other roles whatever the id, and sends anonymous visitors to the login", async () => {
    for (const who of ["volunteer", "coordinator", "noOrg"]) {
      expect((await detailAs(cookies[who], ids.running)).status, who).toBe(403);
      expect((await detailAs(cookies[who], "unknown123")).status, who).toBe(403);
    }
    expect((await detailAs(undefined, ids.running)).location).toMatch(/^\/login/);
  });

  it("the office keeps its own pages; members are not let in there", async () => {
    expect((await run(officeList.loader, makeRequest("/office/volunteers", { cookie: cookies.member }))).status).toBe(403);
    expect((await run(officeDetail.loader, makeRequest(`/office/volunteers/${ids.running}`, { cookie: cookies.member }), { id: ids.running })).status).toBe(403);
  });
});
