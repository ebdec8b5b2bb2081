/**
 * Sponsorships part A end to end through the routes: the public request lands in the office inbox
 * (nothing personal shown publicly, limited like the other public forms); the office creates a
 * request for a household it knows (recording the "sponsorship" consent); the ranked proposals
 * with their hard filters; proposing mails the volunteer; the volunteer answers in /me (another
 * volunteer gets 404) and sees the first name only after accepting; the household's agreement
 * starts the tandem and closes the competing proposals; the office list filters in SQL.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as publicPage from "../../../app/routes/patenschaften";
import * as list from "../../../app/routes/office.sponsorships._index";
import * as newRequest from "../../../app/routes/office.sponsorships.requests.new";
import * as requestPage from "../../../app/routes/office.sponsorships.requests.$id";
import * as mine from "../../../app/routes/me.sponsorships._index";
import * as inbox from "../../../app/routes/office._index";
import * as me from "../../../app/routes/me.daten[.]json";
import * as householdPage from "../../../app/routes/office.households.$id._index";
import * as householdExport from "../../../app/routes/office.households.$id.export[.]json";
import { getDb } from "../../../app/utils/db.server";
import { addDaysToDay, addYearsToDay, berlinDay } from "../../../app/utils/dates";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { withEnv } from "../helpers";
import { createTestUser, createTestVolunteer } from "../../factories";
import { createTestInspection } from "../../factories/coverage";
import { createTestHousehold } from "../../factories/donations";
import { createTestProgramme, createTestProposal, createTestRequest, makeTestSponsor } from "../../factories/sponsorships";

const db = () => getDb();
const today = berlinDay(new Date());
let coordinator: string;
let coordinatorId: string;
const v: Record<string, { id: string; cookie: string; email: string }> = {};
let programmeId: number;

async function volunteer(key: string, o: Parameters<typeof createTestVolunteer>[1] = {}, sponsor: Parameters<typeof makeTestSponsor>[2] | null = {}) {
  const u = await createTestVolunteer(db(), { status: "active", name: key, ...o });
  if (sponsor) await makeTestSponsor(db(), u.id, sponsor);
  v[key] = { id: u.id, cookie: await sessionCookie(u.id), email: u.email };
  return u.id;
}

const page = (id: number) => run(requestPage.loader, makeRequest(`/office/sponsorships/requests/${id}`, { cookie: coordinator }), { id: String(id) });
const post = (id: number, form: Record<string, string>) => run(requestPage.action, makeRequest(`/office/sponsorships/requests/${id}`, { form, cookie: coordinator }), { id: String(id) });
const names = (res: { data: { candidates: Array<{ name: string }> } }) => res.data.candidates.map((c) => c.name);

beforeAll(async () => {
  coordinatorId = (await createTestUser(db(), { roles: ["coordinator"] })).id;
  coordinator = await sessionCookie(coordinatorId);
  programmeId = (await createTestProgramme(db(), { name: "Stadtprogramm" })).id;
  await volunteer("Amira Arabisch", { districtId: 4, languages: [{ code: "ar", level: "native" }, { code: "de", level: "C1" }] }, { help: ["school", "german"], times: ["3-afternoon"], gender: "female", districtId: 4 });
  await volunteer("Bernd Nachbar", { districtId: 3, languages: [{ code: "de", level: "B2" }] }, { help: ["school"], districtId: 3 });
  await volunteer("Carla Unwillig", { districtId: 4, languages: [{ code: "ar", level: "native" }] }, { willing: false });
  await volunteer("Dora Pausiert", { districtId: 4, status: "paused", languages: [{ code: "ar", level: "native" }] }, {});
  await volunteer("Emil OhneGespräch", { districtId: 4, languages: [{ code: "ar", level: "native" }] }, { intakeOn: null });
  await volunteer("Fritz OhneErklärung", { districtId: 4, consents: false, languages: [{ code: "ar", level: "native" }] }, {});
  await volunteer("Gerda Voll", { districtId: 4, languages: [{ code: "ar", level: "native" }] }, { capacity: 1 });
  await volunteer("Hans Absage", { districtId: 4, languages: [{ code: "ar", level: "native" }] }, {});
  await volunteer("Ida Zeugnis", { districtId: 4, languages: [{ code: "de", level: "B1" }] }, {});
  await createTestInspection(db(), { volunteerId: v["Ida Zeugnis"].id, inspectedBy: coordinatorId, certificateDate: addDaysToDay(today, -40), inspectedOn: addDaysToDay(today, -30) });
  await volunteer("Jonas Altzeugnis", { districtId: 4, languages: [{ code: "de", level: "B1" }] }, {});
  await createTestInspection(db(), { volunteerId: v["Jonas Altzeugnis"].id, inspectedBy: coordinatorId, certificateDate: addYearsToDay(today, -6), inspectedOn: addYearsToDay(today, -6) });
  await volunteer("Karl Keinsponsor", { districtId: 4 }, null);
  // Gerda's one place is taken by another request.
  const other = await createTestHousehold(db());
  const otherRequest = await createTestRequest(db(), other.id);
  await createTestProposal(db(), otherRequest.id, v["Gerda Voll"].id);
});

describe("the public request form", () => {
  it("explains the programme, links to volunteer registration and shows nothing personal", async () => {
    const h = await createTestHousehold(db(), { contactName: "Geheim Haushalt" });
    await createTestRequest(db(), h.id, { firstName: "Geheimname" });
    const res = await run(publicPage.loader, makeRequest("/patenschaften"));
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.data)).not.toContain("Geheim");
    expect(res.data.consent.title).toBe("Einwilligung: Patenschaft");
  });

  it("creates a household with the consent and a new request in the office inbox, in the page's language", async () => {
    const form = { firstName: "Olena", phone: "0170 1234567", email: "", languages: ["uk", "de"], help: ["german", "leisure"], times: ["1-morning", "3-morning"], districtId: "2", genderWish: "female", familyTandem: "on", hasChildren: "on", consent: "on" };
    const res = await run(publicPage.action, makeRequest("/patenschaften", { form, headers: { "Accept-Language": "uk" } }));
    expect(res.status).toBe(302);
    expect(res.location).toBe("/patenschaften?danke=1");
    const r = await db().selectFrom("sponsorship_request").selectAll().where("first_name", "=", "Olena").executeTakeFirstOrThrow();
    expect(r).toMatchObject({ source: "public", status: "new", district_id: 2, sponsor_gender_wish: "female", family_tandem: 1, has_minors: 1, locale: "uk", created_by: null });
    const h = await db().selectFrom("household").selectAll().where("id", "=", r.household_id).executeTakeFirstOrThrow();
    expect(h).toMatchObject({ contact_name: "Olena", contact_phone: "0170 1234567", contact_email: null, district_id: 2 });
    const consent = await db().selectFrom("household_consent").selectAll().where("id", "=", r.consent_id!).executeTakeFirstOrThrow();
    expect(consent).toMatchObject({ household_id: h.id, purpose: "sponsorship", language_shown: "uk", withdrawn_at: null });
    expect((await db().selectFrom("sponsorship_request_help").select("help").where("request_id", "=", r.id).orderBy("help").execute()).map((x) => x.help)).toEqual(["german", "leisure"]);
    const office = await run(inbox.loader, makeRequest("/office", { cookie: coordinator }));
    // A task of the work queue (ADR 0036), opened with the request.
    expect(office.data.queue.tasks.find((t: { href: string }) => t.href === `/office/sponsorships/requests/${r.id}`)).toMatchObject({ module: "sponsorships", kind: "sponsorship-request" });
  });

  it("is limited per address like the other public forms", async () => {
    const restore = withEnv({ FORM_MAX_PER_ADDRESS: "2" });
    try {
      const form = { firstName: "Viele", email: "viele@example.org", languages: "ar", help: "german", consent: "on" };
      const send = () => run(publicPage.action, makeRequest("/patenschaften", { form }), {}, { clientIp: "10.9.8.7" });
      expect((await send()).status).toBe(302);
      expect((await send()).status).toBe(302);
      const before = await db().selectFrom("sponsorship_request").select("id").execute();
      const refused = await send();
      expect(refused.status).toBe(429);
      expect(refused.data.error[""][0]).toMatch(/^security:limits\.tooMany/);
      expect(await db().selectFrom("sponsorship_request").select("id").execute()).toHaveLength(before.length);
    } finally {
      restore();
    }
  });
});

describe("the office's requests and ranked proposals", () => {
  let requestId: number;

  it("creates a request for a known household, recording the sponsorship consent", async () => {
    const h = await createTestHousehold(db(), { code: "H-SPONS1", districtId: 4, languages: ["ar"], childrenYears: [Number(today.slice(0, 4)) - 5] });
    const found = await run(newRequest.loader, makeRequest("/office/sponsorships/requests/new?code=h-spons1", { cookie: coordinator }));
    expect(found.data.household).toMatchObject({ id: h.id, code: "H-SPONS1", consentGivenOn: null });
    const form = { householdId: String(h.id), firstName: "Amal", source: "case_management", languages: ["ar", "de"], help: ["school", "german"], times: ["3-afternoon"], districtId: "", genderWish: "female", note: "" };
    const missing = await run(newRequest.action, makeRequest("/office/sponsorships/requests/new", { form, cookie: coordinator }));
    expect(missing.status).toBe(400);
    expect(missing.data.error.consentGivenOn).toEqual(["sponsorships:errors.consentRequired"]);
    const res = await run(newRequest.action, makeRequest("/office/sponsorships/requests/new", { form: { ...form, consentGivenOn: today, consentLanguage: "ar" }, cookie: coordinator }));
    expect(res.status).toBe(302);
    requestId = Number(res.location!.split("/").pop());
    const r = await db().selectFrom("sponsorship_request").selectAll().where("id", "=", requestId).executeTakeFirstOrThrow();
    // No district given: the household's; not a family tandem, so no minors although a child lives there.
    expect(r).toMatchObject({ household_id: h.id, source: "case_management", status: "open", district_id: 4, has_minors: 0, created_by: coordinatorId });
    expect(await db().selectFrom("household_consent").select(["purpose", "language_shown", "given_on"]).where("household_id", "=", h.id).where("purpose", "=", "sponsorship").execute()).toEqual([
      { purpose: "sponsorship", language_shown: "ar", given_on: today },
    ]);
  });

  it("ranks only who passes the hard filters, best first, with the reasons, and logs the view", async () => {
    const res = await page(requestId);
    expect(res.status).toBe(200);
    expect(names(res)).toEqual(["Amira Arabisch", "Hans Absage", "Bernd Nachbar", "Ida Zeugnis", "Jonas Altzeugnis"]);
    const amira = res.data.candidates[0];
    expect(amira.reasons.map((x: { kind: string }) => x.kind)).toEqual(["language", "district", "times", "gender", "help"]);
    expect(res.data.candidates[2].reasons).toContainEqual({ kind: "district", neighbour: true, points: 10 });
    const view = await db().selectFrom("audit_log").select(["entity", "details"]).where("actor_user_id", "=", coordinatorId).where("action", "=", "view").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(view.entity).toBe("household");
  });

  it("with minors involved, only sponsors with a valid § 72a inspection", async () => {
    const h = await createTestHousehold(db(), { districtId: 4, childrenYears: [Number(today.slice(0, 4)) - 8] });
    const r = await createTestRequest(db(), h.id, { districtId: 4, languages: ["de"], familyTandem: true, hasMinors: true });
    expect(names(await page(r.id))).toEqual(["Ida Zeugnis"]);
    expect((await post(r.id, { intent: "propose", volunteerId: v["Bernd Nachbar"].id })).data.error.volunteerId).toEqual(["sponsorships:errors.certificateNeeded"]);
  });

  it("proposes: the volunteer is mailed, sees no name before accepting, another volunteer gets 404", async () => {
    expect((await post(requestId, { intent: "propose", volunteerId: v["Carla Unwillig"].id })).data.error.volunteerId).toEqual(["sponsorships:errors.notEligible"]);
    expect((await post(requestId, { intent: "propose", volunteerId: v["Gerda Voll"].id })).data.error.volunteerId).toEqual(["sponsorships:errors.noCapacity"]);
    expect((await post(requestId, { intent: "propose", volunteerId: v["Amira Arabisch"].id })).status).toBe(302);
    expect((await post(requestId, { intent: "propose", volunteerId: v["Hans Absage"].id })).status).toBe(302);
    // Already asked: no second proposal.
    expect((await post(requestId, { intent: "propose", volunteerId: v["Amira Arabisch"].id })).data.error.volunteerId).toEqual(["sponsorships:errors.notEligible"]);
    expect(names(await page(requestId))).not.toContain("Amira Arabisch");
    const mail = await db().selectFrom("outbox").select(["text", "locale"]).where("to_address", "=", v["Amira Arabisch"].email).where("template", "=", "sponsorship-proposal").executeTakeFirstOrThrow();
    expect(mail.text).toContain("/me/sponsorships");
    expect(mail.text).not.toContain("Amal");

    const own = await run(mine.loader, makeRequest("/me/sponsorships", { cookie: v["Amira Arabisch"].cookie }));
    expect(own.status).toBe(200);
    const proposal = own.data.proposals[0];
    expect(proposal).toMatchObject({ status: "proposed", firstName: null, district: expect.any(String), languages: ["ar", "de"], help: ["german", "school"] });
    expect(JSON.stringify(own.data)).not.toContain("Amal");

    // Another volunteer can neither see nor answer it.
    const other = await run(mine.loader, makeRequest("/me/sponsorships", { cookie: v["Bernd Nachbar"].cookie }));
    expect(other.data.proposals).toEqual([]);
    const foreign = await run(mine.action, makeRequest("/me/sponsorships", { form: { intent: "answer", proposalId: String(proposal.id), answer: "accepted" }, cookie: v["Bernd Nachbar"].cookie }));
    expect(foreign.status).toBe(404);
    expect((await db().selectFrom("sponsorship_proposal").select("status").where("id", "=", proposal.id).executeTakeFirstOrThrow()).status).toBe("proposed");
  });

  it("the volunteer declines with a reason code or accepts, and then sees the first name", async () => {
    const hans = (await run(mine.loader, makeRequest("/me/sponsorships", { cookie: v["Hans Absage"].cookie }))).data.proposals[0];
    const noReason = await run(mine.action, makeRequest("/me/sponsorships", { form: { intent: "answer", proposalId: String(hans.id), answer: "declined" }, cookie: v["Hans Absage"].cookie }));
    expect(noReason.status).toBe(400);
    expect(noReason.data.error.reason).toEqual(["sponsorships:errors.reasonRequired"]);
    const declined = await run(mine.action, makeRequest("/me/sponsorships", { form: { intent: "answer", proposalId: String(hans.id), answer: "declined", reason: "distance" }, cookie: v["Hans Absage"].cookie }));
    expect(declined.status).toBe(302);
    expect(await db().selectFrom("sponsorship_proposal").select(["status", "decline_reason"]).where("id", "=", hans.id).executeTakeFirstOrThrow()).toEqual({ status: "declined", decline_reason: "distance" });
    // Declined once: not ranked for this request again.
    expect(names(await page(requestId))).not.toContain("Hans Absage");

    const amira = (await run(mine.loader, makeRequest("/me/sponsorships", { cookie: v["Amira Arabisch"].cookie }))).data.proposals[0];
    expect((await run(mine.action, makeRequest("/me/sponsorships", { form: { intent: "answer", proposalId: String(amira.id), answer: "accepted" }, cookie: v["Amira Arabisch"].cookie }))).status).toBe(302);
    const again = await run(mine.action, makeRequest("/me/sponsorships", { form: { intent: "answer", proposalId: String(amira.id), answer: "declined", reason: "other" }, cookie: v["Amira Arabisch"].cookie }));
    expect(again.data.error.answer).toEqual(["sponsorships:errors.proposalAnswered"]);
    const after = await run(mine.loader, makeRequest("/me/sponsorships", { cookie: v["Amira Arabisch"].cookie }));
    expect(after.data.proposals[0]).toMatchObject({ status: "accepted", firstName: "Amal" });
    const logged = await db().selectFrom("audit_log").select("entity").where("actor_user_id", "=", v["Amira Arabisch"].id).where("action", "=", "view").execute();
    expect(logged.map((l) => l.entity)).toContain("household");
  });

  it("the household agrees: a tandem in first_meeting with a pseudonymous code and history, competing proposals closed", async () => {
    // A competing open proposal (Bernd), to be closed.
    expect((await post(requestId, { intent: "propose", volunteerId: v["Bernd Nachbar"].id })).status).toBe(302);
    const props = await db().selectFrom("sponsorship_proposal").select(["id", "volunteer_user_id"]).where("request_id", "=", requestId).execute();
    const amira = props.find((p) => p.volunteer_user_id === v["Amira Arabisch"].id)!;
    const bernd = props.find((p) => p.volunteer_user_id === v["Bernd Nachbar"].id)!;
    expect((await post(requestId, { intent: "agree", proposalId: String(bernd.id), programmeId: String(programmeId) })).data.error.proposalId).toEqual(["sponsorships:errors.notAccepted"]);
    expect((await post(requestId, { intent: "agree", proposalId: String(amira.id), programmeId: "999999" })).data.error.programmeId).toEqual(["errors.invalidChoice"]);
    const res = await post(requestId, { intent: "agree", proposalId: String(amira.id), programmeId: String(programmeId) });
    expect(res.status).toBe(302);
    const tandem = await db().selectFrom("tandem").selectAll().where("request_id", "=", requestId).executeTakeFirstOrThrow();
    expect(tandem).toMatchObject({ proposal_id: amira.id, volunteer_user_id: v["Amira Arabisch"].id, programme_id: programmeId, status: "first_meeting", started_on: today });
    expect(tandem.code).toMatch(/^T-[A-Z2-9]{6}$/);
    expect(tandem.code).not.toContain("Amal");
    expect(await db().selectFrom("tandem_event").select(["kind", "from_status", "to_status", "actor_user_id"]).where("tandem_id", "=", tandem.id).execute()).toEqual([
      { kind: "created", from_status: null, to_status: "first_meeting", actor_user_id: coordinatorId },
    ]);
    expect((await db().selectFrom("sponsorship_proposal").select("status").where("id", "=", bernd.id).executeTakeFirstOrThrow()).status).toBe("closed");
    expect(await db().selectFrom("outbox").select("id").where("to_address", "=", v["Bernd Nachbar"].email).where("template", "=", "sponsorship-proposal-closed").execute()).toHaveLength(1);
    expect((await db().selectFrom("sponsorship_request").select("status").where("id", "=", requestId).executeTakeFirstOrThrow()).status).toBe("matched");
    // Matched: no more ranking, no more proposals.
    expect((await page(requestId)).data.candidates).toEqual([]);
    expect((await post(requestId, { intent: "propose", volunteerId: v["Ida Zeugnis"].id })).data.error.volunteerId).toEqual(["sponsorships:errors.requestNotOpen"]);
  });

  it("a bad or unknown id is a 404; other roles are refused", async () => {
    expect((await run(requestPage.loader, makeRequest("/office/sponsorships/requests/abc", { cookie: coordinator }), { id: "abc" })).status).toBe(404);
    expect((await run(requestPage.loader, makeRequest("/office/sponsorships/requests/987654", { cookie: coordinator }), { id: "987654" })).status).toBe(404);
    expect((await run(requestPage.loader, makeRequest(`/office/sponsorships/requests/${requestId}`, { cookie: v["Amira Arabisch"].cookie }), { id: String(requestId) })).status).toBe(403);
  });
});

describe("the office list", () => {
  it("filters by status, district, language and help in SQL, re-matches first", async () => {
    const h = await createTestHousehold(db(), { districtId: 3 });
    const plain = await createTestRequest(db(), h.id, { firstName: "Listen", districtId: 3, languages: ["fa"], help: ["housing"], requestedAt: "2026-01-01T10:00:00.000Z" });
    const urgent = await createTestRequest(db(), h.id, { firstName: "Vorrang", districtId: 3, languages: ["fa"], help: ["work"], priority: 1, requestedAt: "2026-06-01T10:00:00.000Z" });
    const get = async (q: string) => (await run(list.loader, makeRequest(`/office/sponsorships?${q}`, { cookie: coordinator }))).data;
    const fa = await get("language=fa");
    expect(fa.result.items.map((r: { id: number }) => r.id)).toEqual([urgent.id, plain.id]);
    expect((await get("language=fa&help=housing")).result.items.map((r: { id: number }) => r.id)).toEqual([plain.id]);
    expect((await get("language=fa&districtId=2")).result.items).toEqual([]);
    expect((await get("status=matched")).result.items.map((r: { firstName: string }) => r.firstName)).toContain("Amal");
    expect((await get("status=new")).result.items.every((r: { status: string }) => r.status === "new")).toBe(true);
    const bad = await get("status=kaputt&language=%27&help=x&districtId=abc&page=-3");
    expect(bad.ignored).toBe(true);
    expect(bad.filters.status).toBe("waiting");
  });
});

describe("personal data", () => {
  it("the volunteer's export holds the sponsor profile and the proposals", async () => {
    const res = await run(me.loader, makeRequest("/me/daten.json", { cookie: v["Amira Arabisch"].cookie }));
    const text = typeof res.data === "string" ? res.data : JSON.stringify(res.data);
    const data = JSON.parse(text);
    expect(data.sponsorships.sponsorProfile).toMatchObject({ willing: true, capacity: 1, help: ["german", "school"], times: ["3-afternoon"] });
    expect(data.sponsorships.sponsorshipProposals[0]).toMatchObject({ status: "accepted" });
  });
});

describe("the household's data", () => {
  it("the export holds its requests; withdrawing the consent closes the waiting ones; erasure keeps no name", async () => {
    const h = await createTestHousehold(db(), { districtId: 1 });
    const r = await createTestRequest(db(), h.id, { firstName: "Nour", languages: ["ar"], help: ["health"] });
    await createTestProposal(db(), r.id, v["Ida Zeugnis"].id);
    const exported = await run(householdExport.loader, makeRequest(`/office/households/${h.id}/export.json`, { cookie: coordinator }), { id: String(h.id) });
    expect(exported.data.sponsorshipRequests).toEqual([expect.objectContaining({ first_name: "Nour", status: "open", languages: ["ar"], help: ["health"] })]);

    const consent = await db().selectFrom("household_consent").select("id").where("household_id", "=", h.id).where("purpose", "=", "sponsorship").executeTakeFirstOrThrow();
    const res = await run(householdPage.action, makeRequest(`/office/households/${h.id}`, { form: { intent: "withdraw", consentId: String(consent.id) }, cookie: coordinator }), { id: String(h.id) });
    expect(res.status).toBe(302);
    expect(await db().selectFrom("sponsorship_request").select(["status", "close_reason"]).where("id", "=", r.id).executeTakeFirstOrThrow()).toEqual({ status: "closed", close_reason: "consent-withdrawn" });
    expect((await db().selectFrom("sponsorship_proposal").select("status").where("request_id", "=", r.id).executeTakeFirstOrThrow()).status).toBe("closed");
    expect(await db().selectFrom("outbox").select("id").where("to_address", "=", v["Ida Zeugnis"].email).where("template", "=", "sponsorship-proposal-closed").execute()).toHaveLength(1);

    const erased = await run(householdPage.action, makeRequest(`/office/households/${h.id}`, { form: { intent: "erase", confirm: "on" }, cookie: coordinator }), { id: String(h.id) });
    expect(erased.status).toBe(302);
    expect(await db().selectFrom("sponsorship_request").select(["first_name", "note"]).where("id", "=", r.id).executeTakeFirstOrThrow()).toEqual({ first_name: "", note: null });
    // An erased household's request is gone from the office's list and pages.
    expect((await page(r.id)).status).toBe(404);
  });
});
