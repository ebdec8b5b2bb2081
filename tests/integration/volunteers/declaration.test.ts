/**
 * The confidentiality declaration (Verschwiegenheitserklärung): a volunteer without it in force
 * cannot be set active, is not offered as a driver, sees no donor or household data on
 * /me/transports and cannot accept a trip, and is refused the association views.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import { addDaysToDay, berlinDay } from "../../../app/utils/dates";
import { isoWeekday } from "../../../app/modules/donations/handover-policy";
import { maySeeOthersPersonalData, mayBecomeActive } from "../../../app/modules/volunteers/policy";
import * as officeDetail from "../../../app/routes/office.volunteers.$id";
import * as needPage from "../../../app/routes/office.donations.needs.$id";
import * as matchPage from "../../../app/routes/office.donations.matches.$id";
import * as transports from "../../../app/routes/me.transports";
import * as consents from "../../../app/routes/me.einwilligungen";
import * as vereinList from "../../../app/routes/verein.volunteers._index";
import * as vereinDetail from "../../../app/routes/verein.volunteers.$id";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";
import { createTestAssignment } from "../../factories/coverage";
import { createTestHousehold, createTestNeed, createTestOffer } from "../../factories/donations";

const db = () => getDb();
const today = berlinDay(new Date());
const day = addDaysToDay(today, 7);
let coordinator: string;

/** The volunteer withdraws the declaration on their own consents page (one action). */
async function withdrawDeclaration(cookie: string) {
  const res = await run(consents.action, makeRequest("/me/einwilligungen", { cookie, form: { intent: "withdraw", purpose: "confidentiality" } }));
  expect(res.status).toBe(302);
}

async function driver(name: string) {
  const v = await createTestVolunteer(db(), { name, districtId: 3, status: "active", hasCar: true, availability: [{ weekday: isoWeekday(day), slot: "morning" }] });
  return { id: v.id, cookie: await sessionCookie(v.id) };
}

async function reserve() {
  const h = await createTestHousehold(db(), { districtId: 4, code: `H-D${Math.floor(Math.random() * 1e6)}`, contactName: "Hanna Haushalt", street: "Haushaltsweg 5" });
  const need = await createTestNeed(db(), h.id, { category: "sofa" });
  const offer = await createTestOffer(db(), { category: "sofa", districtId: 3, pickupStreet: "Abholgasse 11", donorPhone: "0170 111222", donorEmail: `d-${need.id}@example.org` });
  const res = await run(needPage.action, makeRequest(`/office/donations/needs/${need.id}`, { form: { offerId: String(offer.id), quantity: "1" }, cookie: coordinator }), { id: String(need.id) });
  expect(res.status).toBe(302);
  return { household: h, matchId: Number(res.location!.split("/").pop()) };
}

const plan = (matchId: number, volunteerId: string) =>
  run(matchPage.action, makeRequest(`/office/donations/matches/${matchId}`, { form: { intent: "plan", mode: "transport", day, from: "09:00", to: "11:00", volunteerId }, cookie: coordinator }), { id: String(matchId) });

beforeAll(async () => {
  coordinator = await sessionCookie((await createTestUser(db(), { roles: ["coordinator"] })).id);
});

describe("the rule (volunteers policy)", () => {
  it("binds volunteers, not the office staff", () => {
    expect(maySeeOthersPersonalData({ roles: ["volunteer"] }, false)).toBe(false);
    expect(maySeeOthersPersonalData({ roles: ["volunteer"] }, true)).toBe(true);
    expect(maySeeOthersPersonalData({ roles: ["volunteer", "association_member"] }, false)).toBe(false);
    expect(maySeeOthersPersonalData({ roles: ["coordinator"] }, false)).toBe(true);
    expect(mayBecomeActive("active", false)).toBe(false);
    expect(mayBecomeActive("paused", false)).toBe(true);
  });
});

describe("setting a volunteer active", () => {
  it("is refused while the declaration is withdrawn, with a message at the status field", async () => {
    const v = await createTestVolunteer(db(), { name: "Wanda Widerruf", status: "intake_scheduled" });
    await withdrawDeclaration(await sessionCookie(v.id));
    const res = await run(officeDetail.action, makeRequest(`/office/volunteers/${v.id}`, { cookie: coordinator, form: { intent: "status", to: "active", reason: "Erstgespräch" } }), { id: v.id });
    expect(res.status).toBe(400);
    expect(res.data.error.to).toEqual(["volunteers:errors.declarationMissingForActive"]);
    expect((await db().selectFrom("volunteer_profile").select("status").where("user_id", "=", v.id).executeTakeFirstOrThrow()).status).toBe("intake_scheduled");
    // A paused volunteer cannot come back either; pausing stays possible.
    const p = await createTestVolunteer(db(), { name: "Paula Pause", status: "paused" });
    await withdrawDeclaration(await sessionCookie(p.id));
    const back = await run(officeDetail.action, makeRequest(`/office/volunteers/${p.id}`, { cookie: coordinator, form: { intent: "status", to: "active", reason: "zurück" } }), { id: p.id });
    expect(back.data.error.to).toEqual(["volunteers:errors.declarationMissingForActive"]);
  });

  it("still works with the declaration in force", async () => {
    const v = await createTestVolunteer(db(), { name: "Gerd Gültig", status: "intake_scheduled" });
    const res = await run(officeDetail.action, makeRequest(`/office/volunteers/${v.id}`, { cookie: coordinator, form: { intent: "status", to: "active", reason: "Erstgespräch" } }), { id: v.id });
    expect(res.status).toBe(302);
  });
});

describe("transports", () => {
  it("a volunteer without the declaration is not offered as a driver and cannot be asked", async () => {
    const ok = await driver("Dora Declared");
    const gone = await driver("Willi Withdrawn");
    await withdrawDeclaration(gone.cookie);
    const { matchId } = await reserve();
    const page = await run(matchPage.loader, makeRequest(`/office/donations/matches/${matchId}?day=${day}&from=09:00&to=11:00`, { cookie: coordinator }), { id: String(matchId) });
    const names = page.data.volunteers.map((v: { name: string }) => v.name);
    expect(names).toContain("Dora Declared");
    expect(names).not.toContain("Willi Withdrawn");
    const refused = await plan(matchId, gone.id);
    expect(refused.data.error.volunteerId).toEqual(["donations:errors.volunteerNotEligible"]);
    expect((await plan(matchId, ok.id)).status).toBe(302);
  });

  it("after withdrawing, an accepted trip shows no donor or household data and an asked one cannot be accepted", async () => {
    const v = await driver("Tina Transport");
    const first = await reserve();
    const text = await db().selectFrom("household_consent_text").select("id").where("purpose", "=", "share-contact").where("locale", "=", "de").executeTakeFirstOrThrow();
    await db().insertInto("household_consent").values({ household_id: first.household.id, purpose: "share-contact", consent_text_id: text.id, language_shown: "de", volunteer_user_id: v.id, given_on: "2026-01-01", recorded_by: null, recorded_at: "2026-01-01T00:00:00.000Z", withdrawn_at: null, withdrawn_by: null }).execute();
    expect((await plan(first.matchId, v.id)).status).toBe(302);
    const t1 = await db().selectFrom("donation_transport").select("id").where("match_id", "=", first.matchId).executeTakeFirstOrThrow();
    expect((await run(transports.action, makeRequest("/me/transports", { cookie: v.cookie, form: { transportId: String(t1.id), answer: "accepted" } }))).status).toBe(302);
    const withData = await run(transports.loader, makeRequest("/me/transports", { cookie: v.cookie }));
    expect(JSON.stringify(withData.data)).toMatch(/Abholgasse 11/);
    expect(JSON.stringify(withData.data)).toMatch(/Hanna Haushalt/);

    const second = await reserve();
    expect((await plan(second.matchId, v.id)).status).toBe(302);
    const t2 = await db().selectFrom("donation_transport").select("id").where("match_id", "=", second.matchId).executeTakeFirstOrThrow();

    await withdrawDeclaration(v.cookie);
    const page = await run(transports.loader, makeRequest("/me/transports", { cookie: v.cookie }));
    expect(page.status).toBe(200);
    expect(page.data.declarationMissing).toBe(true);
    expect(JSON.stringify(page.data)).not.toMatch(/Abholgasse|0170 111222|Hanna Haushalt|Haushaltsweg/);
    const accept = await run(transports.action, makeRequest("/me/transports", { cookie: v.cookie, form: { transportId: String(t2.id), answer: "accepted" } }));
    expect(accept.status).toBe(400);
    expect(accept.data.error[""]).toEqual(["volunteers:errors.declarationMissing"]);
    expect((await db().selectFrom("donation_transport").select("state").where("id", "=", t2.id).executeTakeFirstOrThrow()).state).toBe("asked");
    // Declining stays possible.
    expect((await run(transports.action, makeRequest("/me/transports", { cookie: v.cookie, form: { transportId: String(t2.id), answer: "declined" } }))).status).toBe(302);
  });
});

describe("association views", () => {
  it("a member who is also a volunteer sees the association's volunteers only with the declaration in force", async () => {
    const org = await createTestOrganisation(db(), { name: "Verein Verschwiegen e.V." });
    const helper = await createTestVolunteer(db(), { name: "Hugo Helfer", phone: "02154 999888" });
    await createTestAssignment(db(), { volunteerId: helper.id, organisationId: org.id, createdBy: helper.id, startDay: addDaysToDay(today, -3) });
    const both = await createTestVolunteer(db(), { name: "Mona Mitglied", roles: ["volunteer", "association_member"], organisationIds: [org.id] });
    const cookie = await sessionCookie(both.id);
    expect((await run(vereinList.loader, makeRequest("/verein/volunteers", { cookie }))).status).toBe(200);
    expect((await run(vereinDetail.loader, makeRequest(`/verein/volunteers/${helper.id}`, { cookie }), { id: helper.id })).status).toBe(200);
    await withdrawDeclaration(cookie);
    const list = await run(vereinList.loader, makeRequest("/verein/volunteers", { cookie }));
    expect(list.status).toBe(403);
    const detail = await run(vereinDetail.loader, makeRequest(`/verein/volunteers/${helper.id}`, { cookie }), { id: helper.id });
    expect(detail.status).toBe(403);
    expect(JSON.stringify(detail.data ?? "")).not.toContain("02154 999888");
  });
});
