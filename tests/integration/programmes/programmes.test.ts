/**
 * The office keeps the sponsorship programmes (ADR 0040): create and edit with field messages
 * (input kept, nothing written on bad input); an association's programme names its association,
 * a funded one its funder and period; a programme with running tandems is not archived and keeps
 * its kind and association; archived programmes take no new tandems. Only the office.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as list from "../../../app/routes/office.sponsorships.programmes._index";
import * as create from "../../../app/routes/office.sponsorships.programmes.new";
import * as edit from "../../../app/routes/office.sponsorships.programmes.$id";
import { listActiveProgrammes } from "../../../app/modules/sponsorships/programmes.server";
import { getDb } from "../../../app/utils/db.server";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";
import { createTestProgramme, createTestTandem } from "../../factories/tandems";
import { makeRequest, run, sessionCookie } from "../../setup/remix";

const db = () => getDb();
let office: string;
let volunteer: string;
let member: string;
let sponsorId: string;
let association: number;
let city: number;

const valid = (o: Record<string, string> = {}) => ({
  name: "Botschafter-Programm Test",
  kind: "association",
  organisationId: String(association),
  funder: "",
  periodStart: "",
  periodEnd: "",
  trialWeeks: "6",
  trialMeetings: "3",
  checkinMonths: "3",
  silenceDays: "28",
  certificateMeetings: "6",
  status: "active",
  ...o,
});
const postNew = (form: Record<string, string>, cookie = office) => run(create.action, makeRequest("/office/sponsorships/programmes/new", { form, cookie }));
const postEdit = (id: number, form: Record<string, string>, cookie = office) => run(edit.action, makeRequest(`/office/sponsorships/programmes/${id}`, { form, cookie }), { id: String(id) });
const programme = (id: number) => db().selectFrom("sponsorship_programme").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const snapshot = async () => JSON.stringify([await db().selectFrom("sponsorship_programme").selectAll().orderBy("id").execute(), (await db().selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n]);

beforeAll(async () => {
  city = (await createTestOrganisation(db(), { name: "Stadt Testhausen", legalForm: "city" })).id;
  association = (await createTestOrganisation(db(), { name: "Verein Botschaft e.V." })).id;
  office = await sessionCookie((await createTestUser(db(), { roles: ["coordinator"] })).id);
  sponsorId = (await createTestVolunteer(db(), { status: "active" })).id;
  volunteer = await sessionCookie(sponsorId);
  member = await sessionCookie((await createTestUser(db(), { roles: ["association_member"], organisationIds: [association] })).id);
});

describe("creating a programme", () => {
  it("creates an association's programme with its settings; the audit log says who", async () => {
    const res = await postNew(valid({ trialWeeks: "8", silenceDays: "21" }));
    expect(res.status).toBe(302);
    const id = Number(res.location!.split("/").pop());
    const p = await programme(id);
    expect(p).toMatchObject({ name: "Botschafter-Programm Test", kind: "association", organisation_id: association, funder: null, trial_weeks: 8, silence_days: 21, active: 1 });
    expect(await db().selectFrom("audit_log").select("action").where("entity", "=", "sponsorship_programme").where("entity_id", "=", String(id)).execute()).toEqual([{ action: "create" }]);
  });

  it("keeps only the fields of its kind: a funded programme has funder and period, no association", async () => {
    const res = await postNew(valid({ name: "Menschen stärken Menschen (Test)", kind: "funded", funder: "Bund", periodStart: "2026-01-01", periodEnd: "2026-12-31" }));
    expect(res.status).toBe(302);
    const p = await programme(Number(res.location!.split("/").pop()));
    expect(p).toMatchObject({ kind: "funded", organisation_id: null, funder: "Bund", period_start: "2026-01-01", period_end: "2026-12-31" });
  });

  it("answers bad input with the message at the field, keeps the input and writes nothing", async () => {
    const cases: Array<[Record<string, string>, string, string | RegExp]> = [
      [valid({ name: "" }), "name", "errors.required"],
      [valid({ name: "<b>x</b>" }), "name", "errors.forbiddenCharacters"],
      [valid({ kind: "secret" }), "kind", "errors.invalidChoice"],
      [valid({ organisationId: "" }), "organisationId", "programmes:errors.organisationRequired"],
      [valid({ organisationId: "abc" }), "organisationId", "errors.invalidChoice"],
      [valid({ kind: "funded", funder: "", periodStart: "2026-01-01", periodEnd: "2026-12-31" }), "funder", "programmes:errors.funderRequired"],
      [valid({ kind: "funded", funder: "Bund", periodStart: "", periodEnd: "2026-12-31" }), "periodStart", "programmes:errors.periodRequired"],
      [valid({ kind: "funded", funder: "Bund", periodStart: "2026-12-31", periodEnd: "2026-01-01" }), "periodEnd", "programmes:errors.periodOrder"],
      [valid({ kind: "funded", funder: "Bund", periodStart: "2026-02-30", periodEnd: "2026-12-31" }), "periodStart", "errors.invalidDate"],
      [valid({ trialWeeks: "0" }), "trialWeeks", /^programmes:errors\.range\|/],
      [valid({ trialWeeks: "53" }), "trialWeeks", /^programmes:errors\.range\|/],
      [valid({ trialMeetings: "2.5" }), "trialMeetings", /^programmes:errors\.range\|/],
      [valid({ checkinMonths: "abc" }), "checkinMonths", /^programmes:errors\.range\|/],
      [valid({ silenceDays: "3" }), "silenceDays", /^programmes:errors\.range\|/],
      [valid({ certificateMeetings: "" }), "certificateMeetings", "errors.required"],
      [valid({ status: "deleted" }), "status", "errors.invalidChoice"],
      // checked by the command: the city is no association, an unknown organisation neither
      [valid({ organisationId: String(city) }), "organisationId", "errors.invalidChoice"],
      [valid({ organisationId: "999999" }), "organisationId", "errors.invalidChoice"],
    ];
    const before = await snapshot();
    for (const [form, field, key] of cases) {
      const res = await postNew(form);
      expect(res.status, `${JSON.stringify(form)} → ${JSON.stringify(res.data)}`).toBe(400);
      const messages: string[] = res.data.error?.[field] ?? [];
      expect(messages.length, `${field}: ${JSON.stringify(res.data.error)}`).toBeGreaterThan(0);
      if (key instanceof RegExp) expect(messages[0]).toMatch(key);
      else expect(messages[0]).toBe(key);
      // the input is kept (an empty field is sent back as missing)
      expect(res.data.initialValue?.kind).toBe(form.kind);
      if (form.name) expect(res.data.initialValue?.name).toBe(form.name);
    }
    expect(await snapshot()).toBe(before);
  });
});

describe("editing and archiving", () => {
  it("refuses to archive a programme with running tandems, or to change its kind or association; after the end it archives", async () => {
    const other = (await createTestOrganisation(db(), { name: "Anderer Verein e.V." })).id;
    const { id } = await createTestProgramme(db(), { name: "Mit Tandems", kind: "association", organisationId: association });
    const t = await createTestTandem(db(), sponsorId, { programmeId: id, status: "trial", firstMeetingAt: "2026-11-02T15:00:00.000Z", trialEndsOn: "2026-12-14" });
    const form = valid({ name: "Mit Tandems" });
    const before = await snapshot();
    const refused: Array<[Record<string, string>, string, string]> = [
      [{ ...form, status: "archived" }, "status", "programmes:errors.archiveWithTandems"],
      [{ ...form, kind: "city" }, "kind", "programmes:errors.kindWithTandems"],
      [{ ...form, organisationId: String(other) }, "organisationId", "programmes:errors.organisationWithTandems"],
      [{ ...form, trialWeeks: "8" }, "trialWeeks", "programmes:errors.trialWeeksInTrial"],
    ];
    for (const [f, field, key] of refused) {
      const res = await postEdit(id, f);
      expect(res.status, JSON.stringify(res.data)).toBe(400);
      expect(res.data.error[field][0]).toBe(`${key}|{"count":1}`);
      expect(res.data.initialValue.status).toBe(f.status);
    }
    expect(await snapshot()).toBe(before);

    // Other settings may change while tandems run.
    expect((await postEdit(id, { ...form, silenceDays: "35" })).status).toBe(302);
    expect((await programme(id)).silence_days).toBe(35);

    await db().updateTable("tandem").set({ status: "ended", ended_on: "2026-12-01", end_reason: "other" }).where("id", "=", t.id).execute();
    expect((await postEdit(id, { ...form, silenceDays: "35", status: "archived" })).status).toBe(302);
    expect((await programme(id)).active).toBe(0);
    // Archived: no longer offered for new tandems; the audit log says so.
    expect((await listActiveProgrammes()).map((p) => p.id)).not.toContain(id);
    expect((await db().selectFrom("audit_log").select("action").where("entity", "=", "sponsorship_programme").where("entity_id", "=", String(id)).orderBy("id").execute()).map((a) => a.action)).toEqual(["update", "archive"]);
  });

  it("shows the form with the stored values; an unknown or bad id is a 404", async () => {
    const { id } = await createTestProgramme(db(), { name: "Zum Ansehen", kind: "funded", funder: "Land" });
    const page = await run(edit.loader, makeRequest(`/office/sponsorships/programmes/${id}`, { cookie: office }), { id: String(id) });
    expect(page.status).toBe(200);
    expect(page.data.defaults).toMatchObject({ name: "Zum Ansehen", kind: "funded", funder: "Land", status: "active", trialWeeks: "6" });
    expect((await run(edit.loader, makeRequest("/office/sponsorships/programmes/999999", { cookie: office }), { id: "999999" })).status).toBe(404);
    expect((await run(edit.loader, makeRequest("/office/sponsorships/programmes/abc", { cookie: office }), { id: "abc" })).status).toBe(404);
    expect((await postEdit(999999, valid())).status).toBe(404);
  });
});

describe("the list", () => {
  it("is paged and filtered by state and kind", async () => {
    const archived = await createTestProgramme(db(), { name: "Archiviertes Programm", kind: "city" });
    await db().updateTable("sponsorship_programme").set({ active: 0 }).where("id", "=", archived.id).execute();
    const active = await run(list.loader, makeRequest("/office/sponsorships/programmes", { cookie: office }));
    expect(active.status).toBe(200);
    expect(active.data.result.items.every((p: { active: boolean }) => p.active)).toBe(true);
    const onlyArchived = await run(list.loader, makeRequest("/office/sponsorships/programmes?status=archived", { cookie: office }));
    expect(onlyArchived.data.result.items.map((p: { id: number }) => p.id)).toContain(archived.id);
    expect(onlyArchived.data.result.items.every((p: { active: boolean }) => !p.active)).toBe(true);
    const funded = await run(list.loader, makeRequest("/office/sponsorships/programmes?status=all&kind=funded", { cookie: office }));
    expect(funded.data.result.items.length).toBeGreaterThan(0);
    expect(funded.data.result.items.every((p: { kind: string }) => p.kind === "funded")).toBe(true);
    for (let i = 0; i < 26; i++) await createTestProgramme(db(), { name: `Seitenprogramm ${String(i).padStart(2, "0")}` });
    const page2 = await run(list.loader, makeRequest("/office/sponsorships/programmes?page=2&status=all&kind=nonsense", { cookie: office }));
    expect(page2.status).toBe(200);
    expect(page2.data.result.page).toBe(2);
    expect(page2.data.result.items.length).toBe(page2.data.result.total - 25);
  });

  it("is the office's only: volunteers and association members get 403", async () => {
    const { id } = await createTestProgramme(db());
    const before = await snapshot();
    for (const cookie of [volunteer, member]) {
      expect((await run(list.loader, makeRequest("/office/sponsorships/programmes", { cookie }))).status).toBe(403);
      expect((await run(create.loader, makeRequest("/office/sponsorships/programmes/new", { cookie }))).status).toBe(403);
      expect((await postNew(valid(), cookie)).status).toBe(403);
      expect((await run(edit.loader, makeRequest(`/office/sponsorships/programmes/${id}`, { cookie }), { id: String(id) })).status).toBe(403);
      expect((await postEdit(id, valid({ status: "archived" }), cookie)).status).toBe(403);
    }
    expect(await snapshot()).toBe(before);
  });
});
