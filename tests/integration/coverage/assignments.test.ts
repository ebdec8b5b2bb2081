import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { getDb } from "../../../app/utils/db.server";
import * as list from "../../../app/routes/office.assignments._index";
import * as create from "../../../app/routes/office.assignments.new";
import * as detail from "../../../app/routes/office.assignments.$id";
import * as check from "../../../app/routes/office.coverage";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestOrganisation, createTestUser } from "../../factories";
import { createTestAssignment } from "../../factories/coverage";

let coordinator: { id: string; cookie: string };
let member: { id: string; cookie: string };
let volunteer: { id: string; cookie: string };
let other: { id: string };
let orgA: number;
let orgB: number;
let city: number;
let field: number;

beforeAll(async () => {
  const db = getDb();
  orgA = (await createTestOrganisation(db, { name: "Helfer A e.V." })).id;
  orgB = (await createTestOrganisation(db, { name: "Helfer B e.V." })).id;
  city = (await createTestOrganisation(db, { name: "Stadt Willich", legalForm: "city" })).id;
  field = (await db.selectFrom("field_of_action").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
  const c = await createTestUser(db, { roles: ["coordinator"], name: "Clara Koordination" });
  const m = await createTestUser(db, { roles: ["association_member"], organisationIds: [orgA], name: "Mia Mitglied" });
  const v = await createTestUser(db, { roles: ["volunteer"], name: "Vera Volunteer" });
  other = await createTestUser(db, { roles: ["volunteer"], name: "Otto Anders" });
  coordinator = { id: c.id, cookie: await sessionCookie(c.id) };
  member = { id: m.id, cookie: await sessionCookie(m.id) };
  volunteer = { id: v.id, cookie: await sessionCookie(v.id) };
});

const form = (o: Record<string, string> = {}) => ({
  volunteerId: volunteer.id,
  activity: "Sprachcafé dienstags",
  fieldOfActionId: String(field),
  organisationId: String(city),
  startDay: "2026-03-01",
  endDay: "",
  documentRef: "AZ 51/2026-17",
  ...o,
});

describe("creating an assignment", () => {
  it("creates it with a history entry and an audit record", async () => {
    const res = await run(create.action, makeRequest("/office/assignments/new", { form: { ...form(), worksWithMinors: "on" }, cookie: coordinator.cookie }));
    expect(res.status).toBe(302);
    const id = Number(res.location!.split("/").pop());
    const row = await getDb().selectFrom("assignment").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ volunteer_user_id: volunteer.id, activity: "Sprachcafé dienstags", organisation_id: city, start_day: "2026-03-01", end_day: null, works_with_minors: 1, created_by: coordinator.id });
    const history = await getDb().selectFrom("assignment_history").selectAll().where("assignment_id", "=", id).execute();
    expect(history.map((h) => h.action)).toEqual(["create"]);
    expect(JSON.parse(history[0].snapshot).activity).toBe("Sprachcafé dienstags");
  });

  it.each([
    ["missing fields", { activity: "", startDay: "", documentRef: "" }, { activity: "errors.required", startDay: "errors.required", documentRef: "errors.required" }],
    ["too long", { activity: "x".repeat(161) }, { activity: 'errors.tooLong|{"max":160}' }],
    ["hostile", { activity: "<script>alert(1)</script>" }, { activity: "errors.forbiddenCharacters" }],
    ["wrong types", { fieldOfActionId: "abc", organisationId: "-1", startDay: "2026-02-30" }, { fieldOfActionId: "errors.invalidChoice", organisationId: "errors.invalidChoice", startDay: "errors.invalidDate" }],
    ["end before start", { endDay: "2026-02-28" }, { endDay: "coverage:errors.endBeforeStart" }],
    ["hostile volunteer id", { volunteerId: "x' OR 1=1 --" }, { volunteerId: "errors.invalidChoice" }],
  ])("refuses %s with 400, field messages and the input kept", async (_, patch, errors) => {
    const before = await getDb().selectFrom("assignment").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const res = await run(create.action, makeRequest("/office/assignments/new", { form: form(patch), cookie: coordinator.cookie }));
    expect(res.status).toBe(400);
    for (const [k, v] of Object.entries(errors)) expect(res.data.error[k]).toEqual([v]);
    expect(res.data.initialValue.volunteerId).toBe(form(patch).volunteerId);
    const after = await getDb().selectFrom("assignment").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("refuses other ids: an unknown volunteer, a coordinator as volunteer, an unknown organisation", async () => {
    for (const [patch, key] of [
      [{ volunteerId: "doesnotexist00" }, "volunteerId"],
      [{ volunteerId: coordinator.id }, "volunteerId"],
      [{ organisationId: "999999" }, "organisationId"],
      [{ fieldOfActionId: "999999" }, "fieldOfActionId"],
    ] as const) {
      const res = await run(create.action, makeRequest("/office/assignments/new", { form: form(patch), cookie: coordinator.cookie }));
      expect(res.status).toBe(400);
      expect(res.data.error[key]).toBeTruthy();
    }
  });

  it("is for coordinators only: volunteers and association members get 403, anonymous visitors the login", async () => {
    for (const cookie of [volunteer.cookie, member.cookie]) {
      expect((await run(create.action, makeRequest("/office/assignments/new", { form: form(), cookie }))).status).toBe(403);
      expect((await run(create.loader, makeRequest("/office/assignments/new", { cookie }))).status).toBe(403);
    }
    const anon = await run(create.action, makeRequest("/office/assignments/new", { form: form() }));
    expect(anon.status).toBe(302);
    expect(anon.location).toMatch(/^\/login/);
  });

  it("finds volunteers by name for the picker", async () => {
    const res = await run(create.loader, makeRequest("/office/assignments/new?q=vera", { cookie: coordinator.cookie }));
    expect(res.data.matches.map((m: { id: string }) => m.id)).toEqual([volunteer.id]);
    const picked = await run(create.loader, makeRequest(`/office/assignments/new?volunteerId=${volunteer.id}`, { cookie: coordinator.cookie }));
    expect(picked.data.volunteer.name).toBe("Vera Volunteer");
  });
});

describe("list and detail, per role", () => {
  let inA: number;
  let inB: number;
  beforeAll(async () => {
    inA = (await createTestAssignment(getDb(), { volunteerId: other.id, organisationId: orgA, createdBy: coordinator.id, activity: "Fahrdienst" })).id;
    inB = (await createTestAssignment(getDb(), { volunteerId: other.id, organisationId: orgB, createdBy: coordinator.id, activity: "Hausaufgabenhilfe" })).id;
  });

  it("coordinators see all, with filters", async () => {
    const all = await run(list.loader, makeRequest("/office/assignments", { cookie: coordinator.cookie }));
    const ids = all.data.result.items.map((a: { id: number }) => a.id);
    expect(ids).toEqual(expect.arrayContaining([inA, inB]));
    const filtered = await run(list.loader, makeRequest(`/office/assignments?organisationId=${orgB}&q=haus`, { cookie: coordinator.cookie }));
    expect(filtered.data.result.items.map((a: { id: number }) => a.id)).toEqual([inB]);
    const hostile = await run(list.loader, makeRequest("/office/assignments?organisationId=1%20OR%201&state=%3Cx%3E&q=%25", { cookie: coordinator.cookie }));
    expect(hostile.status).toBe(200);
  });

  it("association members see only their organisation's assignments", async () => {
    const res = await run(list.loader, makeRequest("/office/assignments", { cookie: member.cookie }));
    expect(res.data.result.items.map((a: { id: number }) => a.id)).toEqual([inA]);
    const sneaky = await run(list.loader, makeRequest(`/office/assignments?organisationId=${orgB}`, { cookie: member.cookie }));
    expect(sneaky.data.result.items).toEqual([]);
    expect((await run(detail.loader, makeRequest(`/office/assignments/${inA}`, { cookie: member.cookie }), { id: String(inA) })).status).toBe(200);
    expect((await run(detail.loader, makeRequest(`/office/assignments/${inB}`, { cookie: member.cookie }), { id: String(inB) })).status).toBe(404);
  });

  it("volunteers get 403 on office pages", async () => {
    expect((await run(list.loader, makeRequest("/office/assignments", { cookie: volunteer.cookie }))).status).toBe(403);
    expect((await run(detail.loader, makeRequest(`/office/assignments/${inA}`, { cookie: volunteer.cookie }), { id: String(inA) })).status).toBe(403);
  });

  it("bad and unknown ids are 404", async () => {
    for (const id of ["abc", "0", "-1", "1e3", "99999999"]) {
      expect((await run(detail.loader, makeRequest(`/office/assignments/${id}`, { cookie: coordinator.cookie }), { id })).status).toBe(404);
    }
  });

  it("every staff view of the record is written to the access log", async () => {
    const before = await getDb().selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).where("action", "=", "view").where("entity_id", "=", other.id).executeTakeFirstOrThrow();
    const res = await run(detail.loader, makeRequest(`/office/assignments/${inA}`, { cookie: coordinator.cookie }), { id: String(inA) });
    expect(res.status).toBe(200);
    expect(res.data.basis).toMatchObject({ kind: "association", insurer: "Beispiel Versicherung AG" });
    const after = await getDb().selectFrom("audit_log").selectAll().where("action", "=", "view").where("entity_id", "=", other.id).orderBy("id", "desc").execute();
    expect(after.length).toBe(Number(before.n) + 1);
    expect(after[0]).toMatchObject({ actor_user_id: coordinator.id, entity: "volunteer" });
  });
});

describe("closing an assignment", () => {
  it("needs a date and a reason, keeps the record and appends history; association members may not", async () => {
    const { id } = await createTestAssignment(getDb(), { volunteerId: other.id, organisationId: orgA, createdBy: coordinator.id });
    const path = `/office/assignments/${id}`;
    const missing = await run(detail.action, makeRequest(path, { form: { intent: "close", closedOn: "", reason: "" }, cookie: coordinator.cookie }), { id: String(id) });
    expect(missing.status).toBe(400);
    expect(missing.data.error).toMatchObject({ closedOn: ["errors.required"], reason: ["errors.required"] });
    const hostile = await run(detail.action, makeRequest(path, { form: { intent: "close", closedOn: "2026-13-01", reason: "<b>weg</b>" }, cookie: coordinator.cookie }), { id: String(id) });
    expect(hostile.status).toBe(400);
    expect(hostile.data.error).toMatchObject({ closedOn: ["errors.invalidDate"], reason: ["errors.forbiddenCharacters"] });
    expect((await run(detail.action, makeRequest(path, { form: { intent: "close", closedOn: "2026-04-30", reason: "Umzug" }, cookie: member.cookie }), { id: String(id) })).status).toBe(403);

    const ok = await run(detail.action, makeRequest(path, { form: { intent: "close", closedOn: "2026-04-30", reason: "Umzug" }, cookie: coordinator.cookie }), { id: String(id) });
    expect(ok.status).toBe(302);
    const row = await getDb().selectFrom("assignment").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ closed_on: "2026-04-30", close_reason: "Umzug", updated_by: coordinator.id });
    const again = await run(detail.action, makeRequest(path, { form: { intent: "close", closedOn: "2026-05-30", reason: "nochmal" }, cookie: coordinator.cookie }), { id: String(id) });
    expect(again.status).toBe(400);
    expect(again.data.error[""]).toEqual(["coverage:errors.alreadyClosed"]);
    const page = await run(detail.loader, makeRequest(path, { cookie: coordinator.cookie }), { id: String(id) });
    expect(page.data.history.map((h: { action: string }) => h.action)).toEqual(["close"]);
    const late = await run(detail.action, makeRequest(path, { form: { intent: "update", endDay: "2026-12-31", documentRef: "AZ 2" }, cookie: coordinator.cookie }), { id: String(id) });
    expect(late.data.error[""]).toEqual(["coverage:errors.alreadyClosed"]);
  });

  it("corrects the end day and the reference with the previous state kept in the history", async () => {
    const path = "/office/assignments/new";
    const created = await run(create.action, makeRequest(path, { form: form({ endDay: "2026-06-30" }), cookie: coordinator.cookie }));
    const id = created.location!.split("/").pop()!;
    const here = `/office/assignments/${id}`;
    const bad = await run(detail.action, makeRequest(here, { form: { intent: "update", endDay: "2026-01-01", documentRef: "" }, cookie: coordinator.cookie }), { id });
    expect(bad.status).toBe(400);
    expect(bad.data.error.documentRef).toEqual(["errors.required"]);
    const before = await run(detail.action, makeRequest(here, { form: { intent: "update", endDay: "2026-01-01", documentRef: "AZ 9" }, cookie: coordinator.cookie }), { id });
    expect(before.data.error.endDay).toEqual(["coverage:errors.endBeforeStart"]);
    expect((await run(detail.action, makeRequest(here, { form: { intent: "update", endDay: "", documentRef: "AZ 9" }, cookie: member.cookie }), { id })).status).toBe(404);
    expect((await run(detail.action, makeRequest(here, { form: { intent: "drop", documentRef: "AZ 9" }, cookie: coordinator.cookie }), { id })).status).toBe(400);
    const ok = await run(detail.action, makeRequest(here, { form: { intent: "update", endDay: "", documentRef: "AZ 51/2026-17a" }, cookie: coordinator.cookie }), { id });
    expect(ok.status).toBe(302);
    const row = await getDb().selectFrom("assignment").selectAll().where("id", "=", Number(id)).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ end_day: null, document_ref: "AZ 51/2026-17a" });
    const page = await run(detail.loader, makeRequest(here, { cookie: coordinator.cookie }), { id });
    expect(page.data.history.map((h: { action: string }) => h.action)).toEqual(["create", "update"]);
    expect(page.data.history[1].changes).toEqual([
      { field: "end_day", value: "", isDay: true },
      { field: "document_ref", value: "AZ 51/2026-17a", isDay: false },
    ]);
  });

  it("never deletes silently: the database refuses deletes of assignments and edits of history", async () => {
    const { id } = await createTestAssignment(getDb(), { volunteerId: other.id, organisationId: orgA, createdBy: coordinator.id });
    await expect(getDb().deleteFrom("assignment").where("id", "=", id).execute()).rejects.toThrow(/never deleted/);
    await getDb().insertInto("assignment_history").values({ assignment_id: id, action: "update", snapshot: "{}", changed_by: coordinator.id, changed_at: new Date().toISOString() }).execute();
    await expect(sql`update assignment_history set snapshot = 'x'`.execute(getDb())).rejects.toThrow(/append-only/);
    await expect(getDb().deleteFrom("assignment_history").execute()).rejects.toThrow(/append-only/);
  });
});

describe("covered on day D?", () => {
  let v2: string;
  beforeAll(async () => {
    v2 = (await createTestUser(getDb(), { roles: ["volunteer"], name: "Paula Prüfung" })).id;
    await createTestAssignment(getDb(), { volunteerId: v2, organisationId: city, createdBy: coordinator.id, activity: "Kleiderkammer", startDay: "2026-01-01", closedOn: "2026-03-10" });
    await createTestAssignment(getDb(), { volunteerId: v2, organisationId: city, createdBy: coordinator.id, activity: "Kleiderkammer", startDay: "2026-03-20" });
  });
  const ask = (q: string, cookie = coordinator.cookie) => run(check.loader, makeRequest(`/office/coverage?${q}`, { cookie }));

  it("answers yes with the assignment and basis, no with the reasons, for past and future days", async () => {
    const yes = await ask(`volunteerId=${v2}&day=2026-03-10&activity=kleider`);
    expect(yes.status).toBe(200);
    expect(yes.data.result.answer.covered).toBe(true);
    expect(yes.data.result.answer.by[0].basis).toEqual({ kind: "city" });
    const gap = await ask(`volunteerId=${v2}&day=2026-03-15`);
    expect(gap.data.result.answer.covered).toBe(false);
    expect(gap.data.result.answer.reasons.map((r: { kind: string }) => r.kind)).toEqual(["closedOn", "startsOn"]);
    const future = await ask(`volunteerId=${v2}&day=2030-01-01`);
    expect(future.data.result.answer.covered).toBe(true);
    const other = await ask(`volunteerId=${v2}&day=2026-04-01&activity=Fahrdienst`);
    expect(other.data.result.answer.reasons[0].kind).toBe("otherActivity");
  });

  it("logs the look-up in the access log", async () => {
    await ask(`volunteerId=${v2}&day=2026-02-01`);
    const log = await getDb().selectFrom("audit_log").selectAll().where("entity_id", "=", v2).where("action", "=", "view").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(JSON.parse(log.details!)).toEqual({ via: "coverage:2026-02-01" });
  });

  it("400 for bad input, search by name works, other roles are refused", async () => {
    const bad = await ask(`volunteerId=${v2}&day=2026-02-31`);
    expect(bad.status).toBe(400);
    expect(bad.data.errors.day).toBe("errors.invalidDate");
    const unknown = await ask("volunteerId=nosuchperson&day=2026-02-01");
    expect(unknown.status).toBe(400);
    expect(unknown.data.errors.volunteerId).toBe("coverage:errors.noSuchVolunteer");
    const hostile = await ask(`volunteerId=${encodeURIComponent("<x>")}&day=2026-02-01&activity=${"y".repeat(200)}`);
    expect(hostile.status).toBe(400);
    expect(hostile.data.errors.activity).toBe('errors.tooLong|{"max":160}');
    const search = await ask("q=paula");
    expect(search.data.matches.map((m: { id: string }) => m.id)).toEqual([v2]);
    expect((await ask(`volunteerId=${v2}&day=2026-02-01`, member.cookie)).status).toBe(403);
    expect((await ask(`volunteerId=${v2}&day=2026-02-01`, volunteer.cookie)).status).toBe(403);
  });
});
