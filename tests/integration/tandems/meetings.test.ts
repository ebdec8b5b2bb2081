/**
 * The sponsor's meeting log at /me/sponsorships/:id (another volunteer gets a 404), the household
 * part they see (and the access log of it), "add to my hours", and the household's one-tap link:
 * only its own meeting, the date and the sponsor's first name; revoked or expired links are dead.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as page from "../../../app/routes/me.sponsorships.$id";
import * as link from "../../../app/routes/patenschaft.treffen.$token";
import * as office from "../../../app/routes/office.sponsorships.tandems.$id";
import { addDaysToDay, todayOf } from "../../../app/utils/dates";
import { getDb } from "../../../app/utils/db.server";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";
import { createTestAssignment } from "../../factories/coverage";
import { createTestMeeting, createTestMeetingLink, createTestRequest, createTestTandem } from "../../factories/tandems";
import { makeRequest, run, sessionCookie } from "../../setup/remix";

const db = () => getDb();
const today = todayOf();
let sponsor: { id: string; cookie: string };
let other: string;
let coordinator: string;
const url = (id: number) => `/me/sponsorships/${id}`;
const post = (id: number, form: Record<string, string | string[]>, cookie = sponsor.cookie) => run(page.action, makeRequest(url(id), { form, cookie }), { id: String(id) });

async function runningTandem() {
  const req = await createTestRequest(db(), { firstName: "Amal", locale: "ar", household: { contactEmail: "amal-haushalt@example.org", contactName: "Amal Geheimname", street: "Geheimweg 3" } });
  return createTestTandem(db(), sponsor.id, { request: req, status: "trial", firstMeetingAt: `${addDaysToDay(today, -10)}T15:00:00.000Z`, trialEndsOn: addDaysToDay(today, 32) });
}

beforeAll(async () => {
  const s = await createTestVolunteer(db(), { status: "active", name: "Paula Patin" });
  sponsor = { id: s.id, cookie: await sessionCookie(s.id) };
  other = await sessionCookie((await createTestVolunteer(db(), { status: "active" })).id);
  coordinator = await sessionCookie((await createTestUser(db(), { roles: ["coordinator"] })).id);
});

describe("the sponsor's page", () => {
  it("shows first name, district, languages, help; never the surname or street; the view is access-logged", async () => {
    const { id, request } = await runningTandem();
    const res = await run(page.loader, makeRequest(url(id), { cookie: sponsor.cookie }), { id: String(id) });
    expect(res.status).toBe(200);
    expect(res.data.household).toMatchObject({ firstName: "Amal", languages: ["ar", "de"], help: ["authorities", "german"] });
    const text = JSON.stringify(res.data);
    expect(text).not.toContain("Geheimname");
    expect(text).not.toContain("Geheimweg");
    // no share-contact consent: the way goes through the office
    expect(res.data.contact).toBeNull();
    const logged = await db().selectFrom("audit_log").select(["actor_user_id", "entity_id"]).where("action", "=", "view").where("entity", "=", "household").where("details", "like", `%tandem:${id}%`).execute();
    expect(logged).toEqual([{ actor_user_id: sponsor.id, entity_id: String(request!.householdId) }]);
  });

  it("another volunteer gets a 404 (page and form); an unknown id too", async () => {
    const { id } = await runningTandem();
    expect((await run(page.loader, makeRequest(url(id), { cookie: other }), { id: String(id) })).status).toBe(404);
    expect((await post(id, { intent: "log", day: today, minutes: "60", kind: "meeting" }, other)).status).toBe(404);
    expect((await run(page.loader, makeRequest(url(99999), { cookie: sponsor.cookie }), { id: "99999" })).status).toBe(404);
    expect((await run(page.loader, makeRequest(url(id), { cookie: coordinator }), { id: String(id) })).status).toBe(403);
  });

  it("logs a meeting: the tandem's last meeting moves, the household gets a link in its language by mail", async () => {
    const { id } = await runningTandem();
    const res = await post(id, { intent: "log", day: addDaysToDay(today, -2), minutes: "90", kind: "accompaniment", topics: ["authorities", "german"], note: "Termin beim Amt" });
    expect(res.status, JSON.stringify(res.data)).toBe(302);
    const m = await db().selectFrom("tandem_meeting").selectAll().where("tandem_id", "=", id).executeTakeFirstOrThrow();
    expect(m).toMatchObject({ minutes: 90, kind: "accompaniment", topics: "authorities,german", confirmed_at: null });
    expect((await db().selectFrom("tandem").select("last_meeting_on").where("id", "=", id).executeTakeFirstOrThrow()).last_meeting_on).toBe(addDaysToDay(today, -2));
    const mail = await db().selectFrom("outbox").selectAll().where("to_address", "=", "amal-haushalt@example.org").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(mail.locale).toBe("ar");
    expect(mail.template).toBe("tandem-meeting-confirm");
    expect(mail.text).toContain("Paula");
    expect(mail.text).not.toContain("Patin");
    expect(mail.text).toMatch(/\/patenschaft\/treffen\/[A-Za-z0-9_-]{20,}/);
    const links = await db().selectFrom("tandem_meeting_link").selectAll().where("meeting_id", "=", m.id).execute();
    expect(links).toHaveLength(1);
    // only the hash is stored
    const token = mail.text.match(/\/patenschaft\/treffen\/([A-Za-z0-9_-]+)/)![1];
    expect(links[0].token_hash).not.toContain(token);

    // the household confirms with one tap, no account
    const shown = await run(link.loader, makeRequest(`/patenschaft/treffen/${token}`), { token });
    expect(shown.status).toBe(200);
    expect(shown.data.page.lang).toBe("ar");
    expect(shown.data.page.dir).toBe("rtl");
    expect(JSON.stringify(shown.data)).not.toMatch(/Patin|Amal|Amt/);
    expect(shown.data.page.question).toContain("Paula");
    const tapped = await run(link.action, makeRequest(`/patenschaft/treffen/${token}`, { form: { intent: "confirm" } }), { token });
    expect(tapped.status).toBe(302);
    expect((await db().selectFrom("tandem_meeting").select("confirmed_at").where("id", "=", m.id).executeTakeFirstOrThrow()).confirmed_at).not.toBeNull();
    const again = await run(link.loader, makeRequest(`/patenschaft/treffen/${token}`), { token });
    expect(again.data.page.confirmed).toBe(true);
  });

  it("adds a meeting's time to the hours once, only on days of the tandem's assignment", async () => {
    const org = await createTestOrganisation(db(), { legalForm: "city" });
    const a = await createTestAssignment(db(), { volunteerId: sponsor.id, organisationId: org.id, createdBy: sponsor.id, startDay: addDaysToDay(today, -5) });
    const { id } = await createTestTandem(db(), sponsor.id, { status: "active", firstMeetingAt: `${addDaysToDay(today, -60)}T15:00:00.000Z`, assignmentId: a.id, nextCheckInOn: addDaysToDay(today, 60) });
    const before = await createTestMeeting(db(), id, { day: addDaysToDay(today, -8), minutes: 50 });
    const during = await createTestMeeting(db(), id, { day: addDaysToDay(today, -1), minutes: 50 });
    const refused = await post(id, { intent: "hours", meetingId: String(before.id) });
    expect(refused.status).toBe(400);
    expect(refused.data.error.meetingId).toEqual(["tandems:errors.noAssignmentOnDay"]);
    expect((await post(id, { intent: "hours", meetingId: String(during.id) })).status).toBe(302);
    const m = await db().selectFrom("tandem_meeting").select("hours_entry_id").where("id", "=", during.id).executeTakeFirstOrThrow();
    const h = await db().selectFrom("hours_entry").selectAll().where("id", "=", m.hours_entry_id!).executeTakeFirstOrThrow();
    expect(h).toMatchObject({ assignment_id: a.id, hours: 0.75, status: "submitted", day: addDaysToDay(today, -1) });
    const twice = await post(id, { intent: "hours", meetingId: String(during.id) });
    expect(twice.data.error.meetingId).toEqual(["tandems:errors.hoursAlreadyAdded"]);
    // a meeting of another tandem is not reachable
    const foreign = await createTestTandem(db(), sponsor.id, { status: "active" });
    const fm = await createTestMeeting(db(), foreign.id);
    expect((await post(id, { intent: "hours", meetingId: String(fm.id) })).data.error.meetingId).toEqual(["errors.invalidChoice"]);
  });

  it("bad input on the log form: message at the field, input kept, nothing written", async () => {
    const { id } = await runningTandem();
    const base = { intent: "log", day: today, minutes: "60", kind: "meeting", note: "" };
    const cases: Array<[Record<string, string | string[]>, string, string | RegExp]> = [
      [{ day: "morgen" }, "day", "errors.invalidDate"],
      [{ day: addDaysToDay(today, 1) }, "day", "tandems:errors.dayInFuture"],
      [{ day: addDaysToDay(today, -30) }, "day", "tandems:errors.dayOutsideTandem"],
      [{ minutes: "0" }, "minutes", "tandems:errors.invalidMinutes"],
      [{ minutes: "zwei" }, "minutes", "tandems:errors.invalidMinutes"],
      [{ minutes: "" }, "minutes", "errors.required"],
      [{ kind: "party" }, "kind", "errors.invalidChoice"],
      [{ topics: ["german", "religion"] }, "topics", "errors.invalidChoice"],
      [{ note: "y".repeat(201) }, "note", /^errors\.tooLong/],
      [{ note: "<script>" }, "note", "errors.forbiddenCharacters"],
    ];
    const count = async () => Number((await db().selectFrom("tandem_meeting").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n) + Number((await db().selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const before = await count();
    for (const [patch, field, key] of cases) {
      const res = await post(id, { ...base, ...patch });
      expect(res.status, JSON.stringify(patch)).toBe(400);
      const errs = Object.entries(res.data.error ?? {}).filter(([k]) => k === field || k.startsWith(`${field}[`)).flatMap(([, v]) => v as string[]);
      expect(errs.length, `${field}: ${JSON.stringify(res.data.error)}`).toBeGreaterThan(0);
      if (key instanceof RegExp) expect(errs[0]).toMatch(key);
      else expect(errs[0]).toBe(key);
      expect(res.data.initialValue?.kind).toBe(patch.kind ?? "meeting");
    }
    expect(await count()).toBe(before);
    // ended tandems take no meetings
    const ended = await createTestTandem(db(), sponsor.id, { status: "ended", firstMeetingAt: `${addDaysToDay(today, -60)}T15:00:00.000Z` });
    expect((await post(ended.id, base)).data.error[""]).toEqual(["tandems:errors.notRunning"]);
  });
});

describe("the household's link", () => {
  it("reaches only its own meeting; revoked, expired and unknown links are dead", async () => {
    const { id } = await runningTandem();
    const mine = await createTestMeeting(db(), id, { day: addDaysToDay(today, -3) });
    const another = await createTestMeeting(db(), id, { day: addDaysToDay(today, -4) });
    const l = await createTestMeetingLink(db(), mine.id);
    await run(link.action, makeRequest(`/patenschaft/treffen/${l.token}`, { form: { intent: "confirm" } }), { token: l.token });
    const rows = await db().selectFrom("tandem_meeting").select(["id", "confirmed_at"]).where("id", "in", [mine.id, another.id]).orderBy("id").execute();
    expect(rows.map((r) => !!r.confirmed_at)).toEqual([true, false]);

    const revoked = await createTestMeetingLink(db(), another.id);
    // the office revokes the meeting's links
    expect((await run(office.action, makeRequest(`/office/sponsorships/tandems/${id}`, { form: { intent: "revoke-links", meetingId: String(another.id) }, cookie: coordinator }), { id: String(id) })).status).toBe(302);
    expect((await run(link.loader, makeRequest(`/patenschaft/treffen/${revoked.token}`), { token: revoked.token })).status).toBe(404);
    expect((await run(link.action, makeRequest(`/patenschaft/treffen/${revoked.token}`, { form: { intent: "confirm" } }), { token: revoked.token })).status).toBe(404);
    expect((await db().selectFrom("tandem_meeting").select("confirmed_at").where("id", "=", another.id).executeTakeFirstOrThrow()).confirmed_at).toBeNull();

    const expired = await createTestMeetingLink(db(), another.id, { expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect((await run(link.loader, makeRequest(`/patenschaft/treffen/${expired.token}`), { token: expired.token })).status).toBe(404);
    expect((await run(link.loader, makeRequest("/patenschaft/treffen/AAAAAAAAAAAAAAAAAAAAAAAAAAA"), { token: "AAAAAAAAAAAAAAAAAAAAAAAAAAA" })).status).toBe(404);
    expect((await run(link.loader, makeRequest("/patenschaft/treffen/x"), { token: "x" })).status).toBe(404);
  });

  it("a bad form on the link page writes nothing", async () => {
    const { id } = await runningTandem();
    const m = await createTestMeeting(db(), id);
    const l = await createTestMeetingLink(db(), m.id);
    const res = await run(link.action, makeRequest(`/patenschaft/treffen/${l.token}`, { form: { intent: "other" } }), { token: l.token });
    expect(res.status).toBe(400);
    expect((await db().selectFrom("tandem_meeting").select("confirmed_at").where("id", "=", m.id).executeTakeFirstOrThrow()).confirmed_at).toBeNull();
  });
});
