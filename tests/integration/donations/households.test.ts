import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import * as list from "../../../app/routes/office.households._index";
import * as create from "../../../app/routes/office.households.new";
import * as detail from "../../../app/routes/office.households.$id._index";
import * as edit from "../../../app/routes/office.households.$id.edit";
import * as exporter from "../../../app/routes/office.households.$id.export[.]json";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";
import { categoryId, createTestHousehold, createTestMatch, createTestNeed, createTestOffer, createTestTransport } from "../../factories/donations";

let coordinator: string;
let volunteerCookie: string;
let memberCookie: string;
let volunteerEmail: string;
const db = () => getDb();
const count = async (table: "household" | "donation_need" | "household_consent") => Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

const valid = { contactName: "Leyla Testfall", contactPhone: "02154 123456", contactEmail: "leyla@example.org", street: "Testweg 1", districtId: "2", adults: "2", childrenYears: "2016, 2021", languages: ["ar", "de"], notes: "" };

beforeAll(async () => {
  coordinator = await sessionCookie((await createTestUser(db(), { roles: ["coordinator"] })).id);
  const v = await createTestVolunteer(db(), { name: "Vera Fahrerin" });
  volunteerCookie = await sessionCookie(v.id);
  volunteerEmail = (await db().selectFrom("user").select("email").where("id", "=", v.id).executeTakeFirstOrThrow()).email;
  const org = await createTestOrganisation(db());
  memberCookie = await sessionCookie((await createTestUser(db(), { roles: ["association_member"], organisationIds: [org.id] })).id);
});

describe("creating and editing households", () => {
  it("creates a household with a code, languages and children; edit keeps the code", async () => {
    const res = await run(create.action, makeRequest("/office/households/new", { form: valid, cookie: coordinator }));
    expect(res.status).toBe(302);
    const id = Number(res.location!.split("/").pop());
    const h = await db().selectFrom("household").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(h.code).toMatch(/^H-[A-Z2-9]{5}$/);
    expect(h.contact_name).toBe("Leyla Testfall");
    expect((await db().selectFrom("household_child").select("birth_year").where("household_id", "=", id).execute()).map((c) => c.birth_year)).toEqual([2016, 2021]);
    const page = await run(edit.loader, makeRequest(`/office/households/${id}/edit`, { cookie: coordinator }), { id: String(id) });
    expect(page.data.defaults.languages).toEqual(["ar", "de"]);
    const saved = await run(edit.action, makeRequest(`/office/households/${id}/edit`, { form: { ...valid, adults: "3", childrenYears: "" }, cookie: coordinator }), { id: String(id) });
    expect(saved.status, JSON.stringify(saved.data)).toBe(302);
    const after = await db().selectFrom("household").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(after.adults).toBe(3);
    expect(after.code).toBe(h.code);
    expect(await db().selectFrom("household_child").select("id").where("household_id", "=", id).execute()).toHaveLength(0);
  });

  it("rejects bad input with field messages, keeps the input and writes nothing", async () => {
    const before = await count("household");
    const cases: Array<[Record<string, string | string[]>, string]> = [
      [{ adults: "-1" }, "adults"],
      [{ childrenYears: "2016, 1950" }, "childrenYears"],
      [{ childrenYears: "zwei" }, "childrenYears"],
      [{ districtId: "999" }, "districtId"],
      [{ contactName: "<script>" }, "contactName"],
      [{ languages: ["xx"] }, "languages"],
      [{ contactEmail: "nope" }, "contactEmail"],
    ];
    for (const [patch, field] of cases) {
      const res = await run(create.action, makeRequest("/office/households/new", { form: { ...valid, ...patch }, cookie: coordinator }));
      expect(res.status, field).toBe(400);
      expect(res.data.error?.[field] ?? res.data.error?.[`${field}[0]`], field).toBeTruthy();
      expect(res.data.initialValue.contactName).toBeTruthy();
    }
    expect(await count("household")).toBe(before);
  });

  it("is office only: 403 for volunteers and association members, login for anonymous", async () => {
    for (const cookie of [volunteerCookie, memberCookie]) {
      expect((await run(list.loader, makeRequest("/office/households", { cookie }))).status).toBe(403);
      expect((await run(create.action, makeRequest("/office/households/new", { form: valid, cookie }))).status).toBe(403);
    }
    const h = await createTestHousehold(db());
    expect((await run(detail.loader, makeRequest(`/office/households/${h.id}`, { cookie: volunteerCookie }), { id: String(h.id) })).status).toBe(403);
    expect((await run(exporter.loader, makeRequest(`/office/households/${h.id}/export.json`, { cookie: memberCookie }), { id: String(h.id) })).status).toBe(403);
    expect((await run(list.loader, makeRequest("/office/households"))).location).toMatch(/^\/login/);
    expect((await run(detail.loader, makeRequest("/office/households/abc", { cookie: coordinator }), { id: "abc" })).status).toBe(404);
    expect((await run(detail.loader, makeRequest("/office/households/99999", { cookie: coordinator }), { id: "99999" })).status).toBe(404);
  });

  it("lists and searches by code and name", async () => {
    const h = await createTestHousehold(db(), { code: "H-SUCH1", contactName: "Nadia Suchbar" });
    const q = async (qs: string) => (await run(list.loader, makeRequest(`/office/households?${qs}`, { cookie: coordinator }))).data.result.items.map((i: { id: number }) => i.id);
    expect(await q("q=SUCH1")).toEqual([h.id]);
    expect(await q("q=Suchbar")).toEqual([h.id]);
    expect(await q("q=%25%25")).toEqual([]);
  });
});

describe("a household's record", () => {
  it("writes every view to the access log", async () => {
    const h = await createTestHousehold(db());
    await run(detail.loader, makeRequest(`/office/households/${h.id}`, { cookie: coordinator }), { id: String(h.id) });
    await run(detail.loader, makeRequest(`/office/households/${h.id}`, { cookie: coordinator }), { id: String(h.id) });
    const views = await db().selectFrom("audit_log").select("action").where("entity", "=", "household").where("entity_id", "=", String(h.id)).where("action", "=", "view").execute();
    expect(views).toHaveLength(2);
    await run(edit.loader, makeRequest(`/office/households/${h.id}/edit`, { cookie: coordinator }), { id: String(h.id) });
    const after = await db().selectFrom("audit_log").select("action").where("entity", "=", "household").where("entity_id", "=", String(h.id)).where("action", "=", "view").execute();
    expect(after).toHaveLength(3);
  });

  it("writes every change to the access log, with who made it", async () => {
    const h = await createTestHousehold(db(), { consent: false });
    const id = String(h.id);
    const post = (form: Record<string, string | string[]>) => run(detail.action, makeRequest(`/office/households/${id}`, { form, cookie: coordinator }), { id });
    expect((await post({ intent: "consent", purpose: "donations", languageShown: "de", givenOn: "2026-01-10" })).status).toBe(302);
    expect((await post({ intent: "need", categoryId: String(await categoryId(db(), "bed")), quantity: "1", urgency: "normal" })).status).toBe(302);
    expect((await run(edit.action, makeRequest(`/office/households/${id}/edit`, { form: valid, cookie: coordinator }), { id })).status).toBe(302);
    const log = await db().selectFrom("audit_log").select(["action", "actor_user_id", "details"]).where("entity", "=", "household").where("entity_id", "=", id).where("action", "!=", "view").orderBy("id").execute();
    expect(log.map((l) => l.action)).toEqual(["update", "update", "update"]);
    expect(log.every((l) => !!l.actor_user_id)).toBe(true);
  });

  it("needs the donations consent before a need can be opened; withdrawal is one action and ends open needs", async () => {
    const h = await createTestHousehold(db(), { consent: false });
    const id = String(h.id);
    const post = (form: Record<string, string>) => run(detail.action, makeRequest(`/office/households/${id}`, { form, cookie: coordinator }), { id });
    const need = { intent: "need", categoryId: String(await categoryId(db(), "clothing-children")), size: "122", season: "winter", quantity: "2", urgency: "urgent", note: "" };
    const before = await count("donation_need");
    const refused = await post(need);
    expect(refused.status).toBe(400);
    expect(refused.data.error[""]).toEqual(["donations:errors.noConsent"]);
    expect(await count("donation_need")).toBe(before);

    expect((await post({ intent: "consent", purpose: "donations", languageShown: "ar", givenOn: "2026-01-10" })).status).toBe(302);
    const again = await post({ intent: "consent", purpose: "donations", languageShown: "ar", givenOn: "2026-01-10" });
    expect(again.data.error.purpose).toEqual(["donations:errors.consentExists"]);
    const consent = await db().selectFrom("household_consent as c").innerJoin("household_consent_text as t", "t.id", "c.consent_text_id").select(["c.id", "t.locale", "c.recorded_by"]).where("c.household_id", "=", h.id).executeTakeFirstOrThrow();
    expect(consent.locale).toBe("ar");
    expect(consent.recorded_by).toBeTruthy();

    expect((await post(need)).status).toBe(302);
    const stored = await db().selectFrom("donation_need").selectAll().where("household_id", "=", h.id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ size: "122", season: "winter", quantity: 2, urgency: "urgent", status: "open" });

    expect((await post({ intent: "withdraw", consentId: String(consent.id) })).status).toBe(302);
    const after = await db().selectFrom("donation_need").select("status").where("id", "=", stored.id).executeTakeFirstOrThrow();
    expect(after.status).toBe("cancelled");
    expect((await post(need)).status).toBe(400);
  });

  it("rejects unknown categories, negative and zero quantities, future consent dates and unknown volunteers", async () => {
    const h = await createTestHousehold(db());
    const id = String(h.id);
    const post = (form: Record<string, string>) => run(detail.action, makeRequest(`/office/households/${id}`, { form, cookie: coordinator }), { id });
    const before = await count("donation_need");
    const base = { intent: "need", categoryId: String(await categoryId(db(), "bed")), quantity: "1", urgency: "normal" };
    expect((await post({ ...base, categoryId: "99999" })).data.error.categoryId).toEqual(["donations:errors.unknownCategory"]);
    expect((await post({ ...base, quantity: "-3" })).data.error.quantity).toEqual(["donations:errors.quantityPositive"]);
    expect((await post({ ...base, quantity: "0" })).data.error.quantity).toEqual(["donations:errors.quantityPositive"]);
    expect((await post({ ...base, urgency: "sofort" })).status).toBe(400);
    expect(await count("donation_need")).toBe(before);
    const consents = await count("household_consent");
    expect((await post({ intent: "consent", purpose: "sponsorship", languageShown: "de", givenOn: "2999-01-01" })).data.error.givenOn).toEqual(["donations:errors.futureDate"]);
    expect((await post({ intent: "consent", purpose: "share-contact", languageShown: "de", givenOn: "2026-01-01" })).data.error.volunteerEmail).toEqual(["donations:errors.volunteerRequired"]);
    expect((await post({ intent: "consent", purpose: "share-contact", languageShown: "de", givenOn: "2026-01-01", volunteerEmail: "nobody@example.org" })).data.error.volunteerEmail).toEqual([
      "donations:errors.noSuchVolunteer",
    ]);
    expect(await count("household_consent")).toBe(consents);
    expect((await post({ intent: "consent", purpose: "share-contact", languageShown: "uk", givenOn: "2026-01-01", volunteerEmail })).status).toBe(302);
    expect((await run(detail.action, makeRequest(`/office/households/${id}`, { form: { intent: "hack" }, cookie: coordinator }), { id })).status).toBe(400);
  });

  it("cancels and reopens a need with history", async () => {
    const h = await createTestHousehold(db());
    const n = await createTestNeed(db(), h.id);
    const id = String(h.id);
    const post = (to: string) => run(detail.action, makeRequest(`/office/households/${id}`, { form: { intent: "need-status", needId: String(n.id), to }, cookie: coordinator }), { id });
    expect((await post("cancelled")).status).toBe(302);
    expect((await post("cancelled")).data.error[""]).toEqual(["donations:errors.needState"]);
    expect((await post("open")).status).toBe(302);
    const history = await db().selectFrom("donation_need_history").select("to_status").where("need_id", "=", n.id).orderBy("id").execute();
    expect(history.map((x) => x.to_status)).toEqual(["open", "cancelled", "open"]);
    // A need of another household is not reachable through this one.
    const other = await createTestHousehold(db());
    const foreign = await run(detail.action, makeRequest(`/office/households/${other.id}`, { form: { intent: "need-status", needId: String(n.id), to: "cancelled" }, cookie: coordinator }), { id: String(other.id) });
    expect(foreign.status).toBe(404);
  });
});

describe("reservations end with the need, the consent or the record", () => {
  async function reserved(householdId: number, category = "wardrobe") {
    const need = await createTestNeed(db(), householdId, { category, quantity: 2 });
    const offer = await createTestOffer(db(), { category, quantity: 2 });
    const m = await createTestMatch(db(), need.id, offer.id, { quantity: 2, handoverMode: "transport", handoverOn: "2099-01-03", timeFrom: "10:00", timeTo: "12:00" });
    return { need, offer, m };
  }
  const offerRow = (id: number) => db().selectFrom("donation_offer").select(["status", "quantity_reserved"]).where("id", "=", id).executeTakeFirstOrThrow();
  const needRow = (id: number) => db().selectFrom("donation_need").select(["status", "quantity_covered"]).where("id", "=", id).executeTakeFirstOrThrow();

  it("cancelling a matched or partly reserved need releases its units; a driver who had been asked is told", async () => {
    const h = await createTestHousehold(db());
    const id = String(h.id);
    const { need, offer, m } = await reserved(h.id);
    const driver = await createTestVolunteer(db(), { name: "Doris Fahrerin", locale: "ar" });
    await createTestTransport(db(), m.id, driver.id, { state: "accepted" });
    expect(await needRow(need.id)).toEqual({ status: "matched", quantity_covered: 2 });
    const res = await run(detail.action, makeRequest(`/office/households/${id}`, { form: { intent: "need-status", needId: String(need.id), to: "cancelled", reason: "Familie ist umgezogen" }, cookie: coordinator }), { id });
    expect(res.status).toBe(302);
    expect(await needRow(need.id)).toEqual({ status: "cancelled", quantity_covered: 0 });
    expect(await offerRow(offer.id)).toEqual({ status: "open", quantity_reserved: 0 });
    expect((await db().selectFrom("donation_match").select(["state", "outcome_reason"]).where("id", "=", m.id).executeTakeFirstOrThrow())).toEqual({ state: "failed", outcome_reason: "Familie ist umgezogen" });
    expect((await db().selectFrom("donation_transport").select("state").where("match_id", "=", m.id).executeTakeFirstOrThrow()).state).toBe("withdrawn");
    const mail = await db().selectFrom("outbox").select(["locale", "template"]).where("to_address", "=", (await db().selectFrom("user").select("email").where("id", "=", driver.id).executeTakeFirstOrThrow()).email).executeTakeFirstOrThrow();
    expect(mail).toEqual({ locale: "ar", template: "donation-transport-withdrawn" });
    // A fulfilled need cannot be cancelled.
    const done = await createTestNeed(db(), h.id, { status: "fulfilled" });
    expect((await run(detail.action, makeRequest(`/office/households/${id}`, { form: { intent: "need-status", needId: String(done.id), to: "cancelled" }, cookie: coordinator }), { id })).data.error[""]).toEqual(["donations:errors.needState"]);
  });

  it("withdrawing the donations consent ends open and matched needs and frees their offers", async () => {
    const h = await createTestHousehold(db());
    const id = String(h.id);
    const { need, offer } = await reserved(h.id);
    const open = await createTestNeed(db(), h.id, { category: "chair" });
    const consent = await db().selectFrom("household_consent").select("id").where("household_id", "=", h.id).where("purpose", "=", "donations").executeTakeFirstOrThrow();
    expect((await run(detail.action, makeRequest(`/office/households/${id}`, { form: { intent: "withdraw", consentId: String(consent.id) }, cookie: coordinator }), { id })).status).toBe(302);
    expect(await needRow(need.id)).toEqual({ status: "cancelled", quantity_covered: 0 });
    expect((await needRow(open.id)).status).toBe("cancelled");
    expect(await offerRow(offer.id)).toEqual({ status: "open", quantity_reserved: 0 });
    const last = await db().selectFrom("donation_need_history").select(["to_status", "reason"]).where("need_id", "=", need.id).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(last).toEqual({ to_status: "cancelled", reason: "system:consentWithdrawn" });
  });
});

describe("Art. 15 export and Art. 17 erasure", () => {
  it("exports one household as JSON and logs it", async () => {
    const h = await createTestHousehold(db(), { contactName: "Olga Export", childrenYears: [2019], languages: ["uk"] });
    await createTestNeed(db(), h.id, { note: "dringend vor dem Winter" });
    const res = await run(exporter.loader, makeRequest(`/office/households/${h.id}/export.json`, { cookie: coordinator }), { id: String(h.id) });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment/);
    expect(res.data.household).toMatchObject({ contactName: "Olga Export", childrenYearsOfBirth: [2019], languages: ["uk"] });
    expect(res.data.consents[0].purpose).toBe("donations");
    expect(res.data.needs[0].history).toHaveLength(1);
    expect(res.data.needs[0].reservations).toEqual([]);
    expect(await db().selectFrom("audit_log").select("id").where("entity", "=", "household").where("entity_id", "=", String(h.id)).where("action", "=", "export").execute()).toHaveLength(1);
    // Reservations and the volunteer the contact may go to (a recipient) are part of it.
    const need = await createTestNeed(db(), h.id, { category: "pram" });
    await createTestMatch(db(), need.id, (await createTestOffer(db(), { category: "pram" })).id, { handoverMode: "office", handoverOn: "2099-02-01" });
    await run(detail.action, makeRequest(`/office/households/${h.id}`, { form: { intent: "consent", purpose: "share-contact", languageShown: "uk", givenOn: "2026-01-01", volunteerEmail }, cookie: coordinator }), { id: String(h.id) });
    const again = await run(exporter.loader, makeRequest(`/office/households/${h.id}/export.json`, { cookie: coordinator }), { id: String(h.id) });
    expect(again.data.needs.find((n: { id: number }) => n.id === need.id).reservations).toEqual([expect.objectContaining({ quantity: 1, state: "reserved", handover_mode: "office", handover_on: "2099-02-01" })]);
    expect(again.data.consents.find((c: { purpose: string }) => c.purpose === "share-contact").sharedWith).toBe("Vera Fahrerin");
  });

  it("erases personal data, keeps anonymous figures, and the record is gone for the office", async () => {
    const h = await createTestHousehold(db(), { contactName: "Erika Löschmich", childrenYears: [2018], languages: ["ar"], notes: "Notiz" });
    const open = await createTestNeed(db(), h.id, { note: "Privates" });
    const done = await createTestNeed(db(), h.id, { status: "fulfilled", category: "bed" });
    const matched = await createTestNeed(db(), h.id, { category: "sofa" });
    const sofa = await createTestOffer(db(), { category: "sofa" });
    await createTestMatch(db(), matched.id, sofa.id);
    await db().updateTable("donation_need_history").set({ reason: "Frau Löschmich hat angerufen" }).where("need_id", "=", done.id).execute();
    const id = String(h.id);
    const refused = await run(detail.action, makeRequest(`/office/households/${id}`, { form: { intent: "erase" }, cookie: coordinator }), { id });
    expect(refused.data.error.confirm).toEqual(["donations:errors.confirmErase"]);
    const res = await run(detail.action, makeRequest(`/office/households/${id}`, { form: { intent: "erase", confirm: "on" }, cookie: coordinator }), { id });
    expect(res.status).toBe(302);
    const row = await db().selectFrom("household").selectAll().where("id", "=", h.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ contact_name: null, contact_phone: null, contact_email: null, street: null, notes: null, code: `X-${h.id}`, district_id: 1, adults: 2 });
    expect(row.erased_at).toBeTruthy();
    expect(await db().selectFrom("household_child").select("id").where("household_id", "=", h.id).execute()).toHaveLength(0);
    const needs = await db().selectFrom("donation_need").select(["id", "status", "note"]).where("household_id", "=", h.id).orderBy("id").execute();
    expect(needs).toEqual([
      { id: open.id, status: "cancelled", note: null },
      { id: done.id, status: "fulfilled", note: null },
      { id: matched.id, status: "cancelled", note: null },
    ]);
    // The reserved sofa is free again; what staff typed is gone, the system's reason code stays.
    expect(await db().selectFrom("donation_offer").select(["status", "quantity_reserved"]).where("id", "=", sofa.id).executeTakeFirstOrThrow()).toEqual({ status: "open", quantity_reserved: 0 });
    const reasons = await db().selectFrom("donation_need_history").select("reason").where("need_id", "in", [done.id, matched.id]).where("reason", "is not", null).execute();
    expect(reasons.map((r) => r.reason)).toEqual(["system:householdErased"]);
    expect((await run(detail.loader, makeRequest(`/office/households/${id}`, { cookie: coordinator }), { id })).status).toBe(404);
    expect((await run(exporter.loader, makeRequest(`/office/households/${id}/export.json`, { cookie: coordinator }), { id })).status).toBe(404);
  });
});
