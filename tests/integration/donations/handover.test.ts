import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import { addDaysToDay, berlinDay, berlinToInstant } from "../../../app/utils/dates";
import { isoWeekday } from "../../../app/modules/donations/handover-policy";
import * as needPage from "../../../app/routes/office.donations.needs.$id";
import * as matchPage from "../../../app/routes/office.donations.matches.$id";
import * as transports from "../../../app/routes/me.transports";
import * as inbox from "../../../app/routes/office._index";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestUser, createTestVolunteer } from "../../factories";
import { createTestHousehold, createTestNeed, createTestOffer } from "../../factories/donations";

let coordinator: string;
const db = () => getDb();
const day = addDaysToDay(berlinDay(new Date()), 7);
const weekday = isoWeekday(day);
const ids: Record<string, string> = {};
const cookies: Record<string, string> = {};

async function driver(name: string, districtId: number, o: { car?: boolean; status?: "active" | "paused"; slot?: "morning" | "evening"; locale?: string } = {}) {
  const v = await createTestVolunteer(db(), { name, districtId, status: o.status ?? "active", availability: [{ weekday, slot: o.slot ?? "morning" }], locale: o.locale });
  await db().updateTable("volunteer_profile").set({ has_car: o.car === false ? 0 : 1 }).where("user_id", "=", v.id).execute();
  ids[name] = v.id;
  cookies[name] = await sessionCookie(v.id);
  return v.id;
}

async function reserve(districtId = 3) {
  const h = await createTestHousehold(db(), { districtId: 4, code: `H-HO${Math.floor(Math.random() * 1e6)}`, contactName: "Hanna Haushalt", street: "Haushaltsweg 5" });
  const need = await createTestNeed(db(), h.id, { category: "sofa" });
  const offer = await createTestOffer(db(), { category: "sofa", districtId, pickupStreet: "Abholgasse 11", donorPhone: "0170 111222", donorEmail: `sofa-${need.id}@example.org` });
  const res = await run(needPage.action, makeRequest(`/office/donations/needs/${need.id}`, { form: { offerId: String(offer.id), quantity: "1" }, cookie: coordinator }), { id: String(need.id) });
  expect(res.status).toBe(302);
  const matchId = Number(res.location!.split("/").pop());
  return { h, need, offer, matchId };
}

beforeAll(async () => {
  coordinator = await sessionCookie((await createTestUser(db(), { roles: ["coordinator"] })).id);
  await driver("Anna Anrath", 3, { locale: "uk" });
  await driver("Willi Willich", 1);
  await driver("Sven Schiefbahn", 2); // not a neighbour of Anrath
  await driver("Ohne Auto", 3, { car: false });
  await driver("Pausiert", 3, { status: "paused" });
  await driver("Abends", 3, { slot: "evening" });
});

describe("handover by a transport volunteer", () => {
  it("offers only active volunteers with a car in the district or a neighbour, available at that time", async () => {
    const { matchId } = await reserve(3);
    const page = await run(matchPage.loader, makeRequest(`/office/donations/matches/${matchId}?day=${day}&from=09:00&to=11:00`, { cookie: coordinator }), { id: String(matchId) });
    expect(page.status).toBe(200);
    expect(page.data.volunteers.map((v: { name: string }) => v.name)).toEqual(["Anna Anrath", "Willi Willich"]);
    expect(page.data.volunteers[0].sameDistrict).toBe(true);
    const evening = await run(matchPage.loader, makeRequest(`/office/donations/matches/${matchId}?day=${day}&from=18:00&to=19:00`, { cookie: coordinator }), { id: String(matchId) });
    expect(evening.data.volunteers.map((v: { name: string }) => v.name)).toEqual(["Abends"]);
    // Malformed filters are ignored (no window: everyone with a car nearby), never a 500.
    const bad = await run(matchPage.loader, makeRequest(`/office/donations/matches/${matchId}?day=morgen&from=x&to=%27`, { cookie: coordinator }), { id: String(matchId) });
    expect(bad.status).toBe(200);
    expect(bad.data.volunteers.map((v: { name: string }) => v.name)).toEqual(["Abends", "Anna Anrath", "Willi Willich"]);
  });

  it("asks the volunteer by mail in their language, shows the pickup address only after acceptance, and completes the need", async () => {
    const { need, offer, matchId } = await reserve(3);
    const plan = (form: Record<string, string>) => run(matchPage.action, makeRequest(`/office/donations/matches/${matchId}`, { form: { intent: "plan", ...form }, cookie: coordinator }), { id: String(matchId) });
    expect((await plan({ mode: "transport", day, from: "09:00", to: "11:00" })).data.error.volunteerId).toEqual(["donations:errors.volunteerMissing"]);
    expect((await plan({ mode: "transport", day, from: "09:00", to: "11:00", volunteerId: ids["Sven Schiefbahn"] })).data.error.volunteerId).toEqual(["donations:errors.volunteerNotEligible"]);
    expect((await plan({ mode: "transport", day, from: "11:00", to: "09:00", volunteerId: ids["Anna Anrath"] })).data.error.to).toEqual(["donations:errors.window"]);
    expect((await plan({ mode: "transport", day, from: "9 Uhr", to: "11:00" })).status).toBe(400);
    expect((await plan({ mode: "transport", day, from: "09:00", to: "11:00", volunteerId: ids["Anna Anrath"] })).status).toBe(302);

    const anna = await db().selectFrom("user").select("email").where("id", "=", ids["Anna Anrath"]).executeTakeFirstOrThrow();
    const mail = await db().selectFrom("outbox").select(["subject", "text", "locale"]).where("to_address", "=", anna.email).where("template", "=", "donation-transport-request").executeTakeFirstOrThrow();
    expect(mail.locale).toBe("uk");
    expect(mail.text).toContain("/me/transports");
    expect(mail.text).not.toContain("Abholgasse");
    expect(await db().selectFrom("outbox").select("id").where("to_address", "=", `sofa-${need.id}@example.org`).where("template", "=", "donation-handover-planned").execute()).toHaveLength(1);

    const before = await run(transports.loader, makeRequest("/me/transports", { cookie: cookies["Anna Anrath"] }));
    const mine = before.data.transports.find((x: { state: string }) => x.state === "asked");
    expect(JSON.stringify(before.data)).not.toMatch(/Abholgasse|0170 111222|Hanna Haushalt|Haushaltsweg/);
    // Another volunteer cannot answer it.
    const foreign = await run(transports.action, makeRequest("/me/transports", { form: { transportId: String(mine.id), answer: "accepted" }, cookie: cookies["Willi Willich"] }));
    expect(foreign.status).toBe(404);
    expect((await run(transports.action, makeRequest("/me/transports", { form: { transportId: String(mine.id), answer: "accepted" }, cookie: cookies["Anna Anrath"] }))).status).toBe(302);
    expect((await run(transports.action, makeRequest("/me/transports", { form: { transportId: String(mine.id), answer: "declined" }, cookie: cookies["Anna Anrath"] }))).data.error[""]).toEqual(["donations:errors.transportAnswered"]);
    const after = await run(transports.loader, makeRequest("/me/transports", { cookie: cookies["Anna Anrath"] }));
    const accepted = after.data.transports.find((x: { id: number }) => x.id === mine.id);
    expect(accepted.pickupStreet).toBe("Abholgasse 11");
    expect(accepted.household).toBeNull(); // no consent to share the household's contact with Anna
    expect(JSON.stringify(after.data)).not.toMatch(/Hanna Haushalt|Haushaltsweg/);

    const outcome = (form: Record<string, string>) => run(matchPage.action, makeRequest(`/office/donations/matches/${matchId}`, { form: { intent: "outcome", ...form }, cookie: coordinator }), { id: String(matchId) });
    // Planned for a week ahead: "handed over" is refused before that day (Berlin), nothing written.
    const early = await outcome({ outcome: "handed_over" });
    expect([early.status, early.data.error.outcome]).toEqual([400, ["donations:errors.handoverNotYet"]]);
    expect((await db().selectFrom("donation_match").select("state").where("id", "=", matchId).executeTakeFirstOrThrow()).state).toBe("reserved");
    // why: the planned day must arrive; only the clock is faked (Date), everything else is real.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(berlinToInstant(day, "00:05"));
    try {
      expect((await outcome({ outcome: "handed_over" })).status).toBe(302);
    } finally {
      vi.useRealTimers();
    }
    expect((await db().selectFrom("donation_need").select(["status", "fulfilled_at"]).where("id", "=", need.id).executeTakeFirstOrThrow()).status).toBe("fulfilled");
    expect((await db().selectFrom("donation_offer").select("status").where("id", "=", offer.id).executeTakeFirstOrThrow()).status).toBe("closed");
    expect((await outcome({ outcome: "failed", reason: "zu spät" })).data.error[""]).toEqual(["donations:errors.matchClosed"]);
    // Done transports leave the volunteer's list.
    expect((await run(transports.loader, makeRequest("/me/transports", { cookie: cookies["Anna Anrath"] }))).data.transports.some((x: { id: number }) => x.id === mine.id)).toBe(false);
  });

  it("a household that consented to share its contact with this volunteer is shown to them after acceptance", async () => {
    const { h, matchId } = await reserve(3);
    const text = await db().selectFrom("household_consent_text").select("id").where("purpose", "=", "share-contact").where("locale", "=", "de").executeTakeFirstOrThrow();
    await db().insertInto("household_consent").values({ household_id: h.id, purpose: "share-contact", consent_text_id: text.id, language_shown: "de", volunteer_user_id: ids["Willi Willich"], given_on: "2026-01-01", recorded_by: null, recorded_at: "2026-01-01T00:00:00.000Z", withdrawn_at: null, withdrawn_by: null }).execute();
    await run(matchPage.action, makeRequest(`/office/donations/matches/${matchId}`, { form: { intent: "plan", mode: "transport", day, from: "09:00", to: "11:00", volunteerId: ids["Willi Willich"] }, cookie: coordinator }), { id: String(matchId) });
    const t = await db().selectFrom("donation_transport").select("id").where("match_id", "=", matchId).executeTakeFirstOrThrow();
    await run(transports.action, makeRequest("/me/transports", { form: { transportId: String(t.id), answer: "accepted" }, cookie: cookies["Willi Willich"] }));
    const list = await run(transports.loader, makeRequest("/me/transports", { cookie: cookies["Willi Willich"] }));
    expect(list.data.transports.find((x: { id: number }) => x.id === t.id).household).toEqual({ name: "Hanna Haushalt", phone: "02154 000000", street: "Haushaltsweg 5" });
    // The volunteer seeing the household's contact is a view of its record: logged.
    const views = await db().selectFrom("audit_log").select(["actor_user_id"]).where("entity", "=", "household").where("entity_id", "=", String(h.id)).where("action", "=", "view").execute();
    expect(views).toEqual([{ actor_user_id: ids["Willi Willich"] }]);
  });

  it("'did not work out' returns need and offer to the pool with the reason", async () => {
    const { need, offer, matchId } = await reserve(1);
    const post = (form: Record<string, string>) => run(matchPage.action, makeRequest(`/office/donations/matches/${matchId}`, { form, cookie: coordinator }), { id: String(matchId) });
    expect((await post({ intent: "plan", mode: "donor", day, from: "14:00", to: "16:00" })).status).toBe(302);
    expect((await post({ intent: "outcome", outcome: "failed" })).data.error.reason).toEqual(["donations:errors.reasonRequired"]);
    expect((await post({ intent: "outcome", outcome: "failed", reason: "Sofa passt nicht durch die Tür" })).status).toBe(302);
    expect((await db().selectFrom("donation_need").select("status").where("id", "=", need.id).executeTakeFirstOrThrow()).status).toBe("open");
    expect((await db().selectFrom("donation_offer").select(["status", "quantity_reserved"]).where("id", "=", offer.id).executeTakeFirstOrThrow())).toEqual({ status: "open", quantity_reserved: 0 });
    const history = await db().selectFrom("donation_need_history").select(["to_status", "reason"]).where("need_id", "=", need.id).orderBy("id").execute();
    expect(history.at(-1)).toEqual({ to_status: "open", reason: "Sofa passt nicht durch die Tür" });
  });

  it("a new plan tells the driver asked before (not when the same person is asked again); a declined transport is a task of the work queue", async () => {
    const { matchId } = await reserve(3);
    const plan = (form: Record<string, string>) => run(matchPage.action, makeRequest(`/office/donations/matches/${matchId}`, { form: { intent: "plan", mode: "transport", day, ...form }, cookie: coordinator }), { id: String(matchId) });
    const mailsTo = async (name: string, template: string) => {
      const u = await db().selectFrom("user").select("email").where("id", "=", ids[name]).executeTakeFirstOrThrow();
      return (await db().selectFrom("outbox").select("id").where("to_address", "=", u.email).where("template", "=", template).where("text", "like", "%11:00%").execute()).length;
    };
    const withdrawnBefore = await mailsTo("Anna Anrath", "donation-transport-withdrawn");
    expect((await plan({ from: "09:00", to: "11:00", volunteerId: ids["Anna Anrath"] })).status).toBe(302);
    expect((await plan({ from: "09:00", to: "11:00", volunteerId: ids["Anna Anrath"] })).status).toBe(302); // asked again: no "off" mail
    expect(await mailsTo("Anna Anrath", "donation-transport-withdrawn")).toBe(withdrawnBefore);
    expect((await plan({ from: "09:00", to: "11:00", volunteerId: ids["Willi Willich"] })).status).toBe(302);
    expect(await mailsTo("Anna Anrath", "donation-transport-withdrawn")).toBe(withdrawnBefore + 1);
    const states = await db().selectFrom("donation_transport").select(["volunteer_user_id", "state"]).where("match_id", "=", matchId).orderBy("id").execute();
    expect(states.map((x) => x.state)).toEqual(["withdrawn", "withdrawn", "asked"]);

    // ADR 0036: opened by the volunteer's answer, in its transaction; shown in the queue, not as a hint.
    const queue = async () => (await run(inbox.loader, makeRequest("/office", { cookie: coordinator }))).data;
    const task = () => db().selectFrom("task").select(["status", "href"]).where("kind", "=", "transport-waiting").where("record_id", "=", String(matchId)).where("status", "=", "open").executeTakeFirst();
    expect(await task()).toBeUndefined();
    const t = await db().selectFrom("donation_transport").select("id").where("match_id", "=", matchId).where("state", "=", "asked").executeTakeFirstOrThrow();
    expect((await run(transports.action, makeRequest("/me/transports", { form: { transportId: String(t.id), answer: "declined", reason: "Auto in der Werkstatt" }, cookie: cookies["Willi Willich"] }))).status).toBe(302);
    expect(await task()).toEqual({ status: "open", href: `/office/donations/matches/${matchId}` });
    const data = await queue();
    expect(JSON.stringify(data.items)).not.toContain(`donation-transport-${matchId}"`);
    expect(data.counts.modules.donations).toBeGreaterThan(0);
    const page = await run(matchPage.loader, makeRequest(`/office/donations/matches/${matchId}`, { cookie: coordinator }), { id: String(matchId) });
    expect(page.data.match.transports.at(-1)).toMatchObject({ state: "declined", decline_reason: "Auto in der Werkstatt" });
  });

  it("is office only; /me/transports needs a login", async () => {
    const { matchId } = await reserve(3);
    expect((await run(matchPage.loader, makeRequest(`/office/donations/matches/${matchId}`, { cookie: cookies["Anna Anrath"] }), { id: String(matchId) })).status).toBe(403);
    expect((await run(matchPage.action, makeRequest(`/office/donations/matches/${matchId}`, { form: { intent: "outcome", outcome: "handed_over" }, cookie: cookies["Anna Anrath"] }), { id: String(matchId) })).status).toBe(403);
    expect((await run(matchPage.loader, makeRequest("/office/donations/matches/999999", { cookie: coordinator }), { id: "999999" })).status).toBe(404);
    expect((await run(transports.loader, makeRequest("/me/transports"))).location).toMatch(/^\/login/);
  });
});
