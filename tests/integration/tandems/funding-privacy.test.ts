/**
 * Funding evidence (CSV and printable page: codes, dates, no names), the sponsor's certificate
 * after N confirmed meetings, and the household's privacy: export includes its tandems, withdrawing
 * the sponsorship consent (or erasure) ends the tandem and keeps only the pseudonymised proof.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as csv from "../../../app/routes/office.sponsorships.funding[.]csv";
import * as funding from "../../../app/routes/office.sponsorships.funding";
import * as cert from "../../../app/routes/me.sponsorships.$id.certificate[.]pdf";
import * as household from "../../../app/routes/office.households.$id._index";
import * as exporter from "../../../app/routes/office.households.$id.export[.]json";
import * as link from "../../../app/routes/patenschaft.treffen.$token";
import { eraseOwnData } from "../../../app/modules/volunteers/personal-data.server";
import { addDaysToDay, todayOf } from "../../../app/utils/dates";
import { getDb } from "../../../app/utils/db.server";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";
import { createTestAssignment } from "../../factories/coverage";
import { createTestMeeting, createTestMeetingLink, createTestProgramme, createTestRequest, createTestTandem } from "../../factories/tandems";
import { makeRequest, run, sessionCookie } from "../../setup/remix";

const db = () => getDb();
const today = todayOf();
let office: string;
let sponsor: { id: string; cookie: string };
let volunteer: string;

beforeAll(async () => {
  await createTestOrganisation(db(), { name: "Stadt Testhausen", legalForm: "city" });
  office = await sessionCookie((await createTestUser(db(), { roles: ["coordinator"] })).id);
  const s = await createTestVolunteer(db(), { status: "active", name: "Paula Patin", locale: "ar" });
  sponsor = { id: s.id, cookie: await sessionCookie(s.id) };
  volunteer = await sessionCookie((await createTestVolunteer(db(), { status: "active" })).id);
});

describe("funding evidence", () => {
  it("lists the programme's tandems of the period with codes and confirmed meeting dates only, as CSV (BOM, ;) and page", async () => {
    const p = await createTestProgramme(db(), { name: "Menschen stärken Menschen", kind: "funded", funder: "BMFSFJ" });
    const req = await createTestRequest(db(), { firstName: "Nour", household: { contactName: "Nour Nachname" } });
    const t = await createTestTandem(db(), sponsor.id, { programmeId: p.id, request: req, status: "active", code: "T-FUND-01", startedOn: "2026-03-01", firstMeetingAt: "2026-03-05T15:00:00.000Z" });
    await createTestMeeting(db(), t.id, { day: "2026-04-02", confirmed: true });
    await createTestMeeting(db(), t.id, { day: "2026-04-09", confirmed: false });
    await createTestMeeting(db(), t.id, { day: "2026-05-07", confirmed: true });
    await createTestMeeting(db(), t.id, { day: "2027-01-07", confirmed: true });
    // another programme's tandem is not listed
    await createTestTandem(db(), sponsor.id, { code: "T-OTHER-01", startedOn: "2026-03-01" });
    const q = `programmeId=${p.id}&from=2026-01-01&to=2026-12-31`;
    const response = (await csv.loader({ request: makeRequest(`/office/sponsorships/funding.csv?${q}`, { cookie: office }), params: {}, context: { nonce: "", clientIp: "127.0.0.1" } } as never)) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    const bytes = new Uint8Array(await response.arrayBuffer());
    // UTF-8 with BOM, for spreadsheet programs
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
    const lines = text.trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[0].split(";")).toHaveLength(6);
    expect(lines[1]).toBe('"T-FUND-01";"2026-03-01";"Aktiv";"";"2";"2026-04-02, 2026-05-07"');
    expect(text).not.toMatch(/Nour|Paula|Patin|T-OTHER/);

    const page = await run(funding.loader, makeRequest(`/office/sponsorships/funding?${q}`, { cookie: office }));
    expect(page.data.evidence.rows).toEqual([{ code: "T-FUND-01", startedOn: "2026-03-01", status: "active", endedOn: null, meetings: ["2026-04-02", "2026-05-07"] }]);
    expect(JSON.stringify(page.data)).not.toMatch(/Nour|Paula/);
  });

  it("bad query: 400 with messages at the fields and the input kept; volunteers may not", async () => {
    const bad = await run(funding.loader, makeRequest("/office/sponsorships/funding?programmeId=abc&from=2026-13-01&to=2026-01-01", { cookie: office }));
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toMatchObject({ programmeId: "errors.invalidChoice", from: "errors.invalidDate" });
    expect(bad.data.raw).toEqual({ programmeId: "abc", from: "2026-13-01", to: "2026-01-01" });
    const order = await run(funding.loader, makeRequest("/office/sponsorships/funding?programmeId=1&from=2026-05-01&to=2026-01-01", { cookie: office }));
    expect(order.data.errors.to).toBe("tandems:errors.periodOrder");
    expect((await run(csv.loader, makeRequest("/office/sponsorships/funding.csv?programmeId=1&from=x&to=y", { cookie: office }))).status).toBe(400);
    expect((await run(csv.loader, makeRequest("/office/sponsorships/funding.csv?programmeId=99999&from=2026-01-01&to=2026-02-01", { cookie: office }))).status).toBe(404);
    expect((await run(funding.loader, makeRequest("/office/sponsorships/funding", { cookie: volunteer }))).status).toBe(403);
    expect((await run(csv.loader, makeRequest("/office/sponsorships/funding.csv?programmeId=1&from=2026-01-01&to=2026-02-01", { cookie: volunteer }))).status).toBe(403);
  });
});

describe("certificate", () => {
  it("is there after N confirmed meetings, in German and the sponsor's language; never for another volunteer", async () => {
    const p = await createTestProgramme(db(), { certificateMeetings: 2 });
    const t = await createTestTandem(db(), sponsor.id, { programmeId: p.id, status: "active", firstMeetingAt: `${addDaysToDay(today, -60)}T15:00:00.000Z` });
    const u = (lang: string) => `/me/sponsorships/${t.id}/certificate.pdf?lang=${lang}`;
    await createTestMeeting(db(), t.id, { confirmed: true, day: addDaysToDay(today, -20) });
    expect((await run(cert.loader, makeRequest(u("de"), { cookie: sponsor.cookie }), { id: String(t.id) })).status).toBe(404);
    await createTestMeeting(db(), t.id, { confirmed: true, day: addDaysToDay(today, -10) });
    for (const lang of ["de", "ar"]) {
      const res = await run(cert.loader, makeRequest(u(lang), { cookie: sponsor.cookie }), { id: String(t.id) });
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("application/pdf");
    }
    expect((await run(cert.loader, makeRequest(u("de"), { cookie: volunteer }), { id: String(t.id) })).status).toBe(404);
  });
});

describe("the household's privacy", () => {
  it("the export (Art. 15) includes its tandems with the sponsor and meetings", async () => {
    const req = await createTestRequest(db());
    const t = await createTestTandem(db(), sponsor.id, { request: req, status: "trial", firstMeetingAt: `${addDaysToDay(today, -5)}T15:00:00.000Z`, trialEndsOn: addDaysToDay(today, 37) });
    await createTestMeeting(db(), t.id, { day: addDaysToDay(today, -2), note: "Deutsch geübt" });
    const res = await run(exporter.loader, makeRequest(`/office/households/${req.householdId}/export.json`, { cookie: office }), { id: String(req.householdId) });
    expect(res.status).toBe(200);
    const doc = typeof res.data === "string" ? JSON.parse(res.data) : res.data;
    expect(doc.tandems).toHaveLength(1);
    expect(doc.tandems[0]).toMatchObject({ sponsor: "Paula Patin", status: "trial" });
    expect(doc.tandems[0].meetings[0]).toMatchObject({ note: "Deutsch geübt" });
  });

  it("withdrawing the sponsorship consent ends the tandem, closes its assignment and keeps only the pseudonymised proof", async () => {
    const org = await createTestOrganisation(db(), { legalForm: "city" });
    const a = await createTestAssignment(db(), { volunteerId: sponsor.id, organisationId: org.id, createdBy: sponsor.id, startDay: addDaysToDay(today, -30) });
    const req = await createTestRequest(db());
    const t = await createTestTandem(db(), sponsor.id, { request: req, status: "active", firstMeetingAt: `${addDaysToDay(today, -60)}T15:00:00.000Z`, assignmentId: a.id, code: "T-PRIV-01" });
    const m = await createTestMeeting(db(), t.id, { day: addDaysToDay(today, -3), note: "Jobcenter", confirmed: true, topics: "work" });
    const l = await createTestMeetingLink(db(), m.id);
    const consent = await db().selectFrom("household_consent").select("id").where("household_id", "=", req.householdId).where("purpose", "=", "sponsorship").executeTakeFirstOrThrow();
    const res = await run(household.action, makeRequest(`/office/households/${req.householdId}`, { form: { intent: "withdraw", consentId: String(consent.id) }, cookie: office }), { id: String(req.householdId) });
    expect(res.status, JSON.stringify(res.data)).toBe(302);
    const after = await db().selectFrom("tandem").selectAll().where("id", "=", t.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: "ended", end_reason: "consent_withdrawn", ended_on: today, household_id: null, request_id: null, code: "T-PRIV-01" });
    expect((await db().selectFrom("assignment").select("closed_on").where("id", "=", a.id).executeTakeFirstOrThrow()).closed_on).toBe(today);
    const meeting = await db().selectFrom("tandem_meeting").selectAll().where("id", "=", m.id).executeTakeFirstOrThrow();
    expect(meeting).toMatchObject({ note: null, topics: "", day: addDaysToDay(today, -3) });
    expect(meeting.confirmed_at).not.toBeNull();
    expect(await db().selectFrom("tandem_meeting_link").select("id").where("meeting_id", "=", m.id).execute()).toEqual([]);
    expect((await db().selectFrom("tandem_event").select("kind").where("tandem_id", "=", t.id).execute()).map((e) => e.kind)).toContain("consent_withdrawn");
    // the funding proof still lists the code and the confirmed date
    const p = await run(funding.loader, makeRequest(`/office/sponsorships/funding?programmeId=${t.programmeId}&from=2026-01-01&to=2030-12-31`, { cookie: office }));
    expect(p.data.evidence.rows[0]).toMatchObject({ code: "T-PRIV-01", status: "ended", meetings: [addDaysToDay(today, -3)] });
    // the sponsor sees no household any more
    const mine = await getDb().selectFrom("tandem").select("household_id").where("id", "=", t.id).executeTakeFirstOrThrow();
    expect(mine.household_id).toBeNull();
    expect((await run(link.loader, makeRequest(`/patenschaft/treffen/${l.token}`), { token: l.token })).status).toBe(404);
  });

  it("erasing the household ends and detaches its tandems too", async () => {
    const req = await createTestRequest(db());
    const t = await createTestTandem(db(), sponsor.id, { request: req, status: "trial", firstMeetingAt: `${addDaysToDay(today, -5)}T15:00:00.000Z`, trialEndsOn: addDaysToDay(today, 37) });
    const res = await run(household.action, makeRequest(`/office/households/${req.householdId}`, { form: { intent: "erase", confirm: "on" }, cookie: office }), { id: String(req.householdId) });
    expect(res.status, JSON.stringify(res.data)).toBe(302);
    expect(await db().selectFrom("tandem").select(["status", "household_id"]).where("id", "=", t.id).executeTakeFirstOrThrow()).toEqual({ status: "ended", household_id: null });
  });

  it("a sponsor's erasure ends their running tandems and puts the households' requests back in the queue with priority", async () => {
    const v = await createTestVolunteer(db(), { status: "active", name: "Erika Erase" });
    const req = await createTestRequest(db());
    const t = await createTestTandem(db(), v.id, { request: req, status: "active", firstMeetingAt: `${addDaysToDay(today, -40)}T15:00:00.000Z` });
    await createTestMeeting(db(), t.id, { day: addDaysToDay(today, -2), note: "Notiz der Patin", confirmed: true });
    await eraseOwnData({ userId: v.id, email: "x@example.org", name: "Erika Erase", locale: "de", emailVerified: true, roles: ["volunteer"], organisationIds: [] });
    expect(await db().selectFrom("tandem").select(["status", "end_reason"]).where("id", "=", t.id).executeTakeFirstOrThrow()).toEqual({ status: "ended", end_reason: "other" });
    expect(await db().selectFrom("sponsorship_request").select(["status", "priority"]).where("id", "=", req.id).executeTakeFirstOrThrow()).toEqual({ status: "open", priority: 1 });
    expect((await db().selectFrom("tandem_meeting").select("note").where("tandem_id", "=", t.id).executeTakeFirstOrThrow()).note).toBeNull();
  });
});
