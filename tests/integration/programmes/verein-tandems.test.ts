/**
 * An association runs the tandems of its own programme at /verein/sponsorships (ADR 0040): a
 * member of X sees and runs X's tandems (the lifecycle steps of the office, the assignment's
 * organiser is X), a member of Y gets a 404 for them and finds nothing of X in the list; a
 * volunteer (even the sponsor) and the office get 403 here (the office has its own pages, which
 * show every tandem). Every view of a household goes to the access log.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as detail from "../../../app/routes/verein.sponsorships.$id";
import * as list from "../../../app/routes/verein.sponsorships._index";
import * as officeList from "../../../app/routes/office.sponsorships.tandems._index";
import { recordTandemEnd } from "../../../app/modules/sponsorships/tandem-steps.server";
import type { Actor } from "../../../app/auth/permissions";
import { addDaysToDay, todayOf } from "../../../app/utils/dates";
import { getDb } from "../../../app/utils/db.server";
import { isAppError } from "../../../app/utils/errors";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";
import { createTestProgramme, createTestRequest, createTestTandem } from "../../factories/tandems";
import { makeRequest, run, sessionCookie } from "../../setup/remix";

const db = () => getDb();
const today = todayOf();
let orgX: number;
let orgY: number;
let memberX: { id: string; cookie: string };
let memberY: { id: string; cookie: string };
let sponsor: { id: string; cookie: string };
let office: string;
let programmeX: number;
let programmeY: number;
let cityProgramme: number;

const url = (id: number) => `/verein/sponsorships/${id}`;
const get = (id: number, cookie: string) => run(detail.loader, makeRequest(url(id), { cookie }), { id: String(id) });
const post = (id: number, form: Record<string, string>, cookie: string) => run(detail.action, makeRequest(url(id), { form, cookie }), { id: String(id) });
const tandem = (id: number) => db().selectFrom("tandem").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const snapshot = async () => JSON.stringify([await db().selectFrom("tandem").selectAll().orderBy("id").execute(), await db().selectFrom("tandem_event").selectAll().orderBy("id").execute(), await db().selectFrom("assignment").selectAll().orderBy("id").execute()]);

beforeAll(async () => {
  await createTestOrganisation(db(), { name: "Stadt Testhausen", legalForm: "city" });
  orgX = (await createTestOrganisation(db(), { name: "Verein X e.V." })).id;
  orgY = (await createTestOrganisation(db(), { name: "Verein Y e.V." })).id;
  const mx = await createTestUser(db(), { roles: ["association_member"], organisationIds: [orgX] });
  const my = await createTestUser(db(), { roles: ["association_member"], organisationIds: [orgY] });
  const s = await createTestVolunteer(db(), { status: "active", name: "Paula Botschafterin" });
  memberX = { id: mx.id, cookie: await sessionCookie(mx.id) };
  memberY = { id: my.id, cookie: await sessionCookie(my.id) };
  sponsor = { id: s.id, cookie: await sessionCookie(s.id) };
  office = await sessionCookie((await createTestUser(db(), { roles: ["coordinator"] })).id);
  programmeX = (await createTestProgramme(db(), { name: "Botschafter X", kind: "association", organisationId: orgX })).id;
  programmeY = (await createTestProgramme(db(), { name: "Botschafter Y", kind: "association", organisationId: orgY })).id;
  cityProgramme = (await createTestProgramme(db(), { name: "Stadtprogramm", kind: "city" })).id;
});

describe("the association's list", () => {
  it("shows each member the tandems of their own programmes only; the office's list has all", async () => {
    const x = await createTestTandem(db(), sponsor.id, { programmeId: programmeX, code: "T-LISTE-X" });
    const y = await createTestTandem(db(), sponsor.id, { programmeId: programmeY, code: "T-LISTE-Y" });
    const c = await createTestTandem(db(), sponsor.id, { programmeId: cityProgramme, code: "T-LISTE-C" });
    const ofX = await run(list.loader, makeRequest("/verein/sponsorships", { cookie: memberX.cookie }));
    expect(ofX.status).toBe(200);
    expect(ofX.data.result.items.map((r: { id: number }) => r.id)).toContain(x.id);
    expect(ofX.data.result.items.map((r: { id: number }) => r.id)).not.toContain(y.id);
    expect(ofX.data.result.items.map((r: { id: number }) => r.id)).not.toContain(c.id);
    expect(ofX.data.programmes.map((p: { id: number }) => p.id)).toEqual([programmeX]);
    expect(JSON.stringify(ofX.data)).not.toContain("T-LISTE-Y");
    const ofY = await run(list.loader, makeRequest("/verein/sponsorships", { cookie: memberY.cookie }));
    expect(ofY.data.result.items.map((r: { id: number }) => r.id)).toEqual(expect.arrayContaining([y.id]));
    expect(JSON.stringify(ofY.data)).not.toContain("T-LISTE-X");
    // Another programme's id in the filter finds nothing.
    const sneaky = await run(list.loader, makeRequest(`/verein/sponsorships?programmeId=${programmeY}`, { cookie: memberX.cookie }));
    expect(sneaky.data.result.items).toEqual([]);
    const all = await run(officeList.loader, makeRequest("/office/sponsorships/tandems?q=T-LISTE", { cookie: office }));
    expect(all.data.result.items.map((r: { id: number }) => r.id).sort()).toEqual([x.id, y.id, c.id].sort());
  });

  it("filters by state and code", async () => {
    await createTestTandem(db(), sponsor.id, { programmeId: programmeX, status: "trial", firstMeetingAt: `${addDaysToDay(today, -5)}T15:00:00.000Z`, trialEndsOn: addDaysToDay(today, 37), code: "T-FILT-X1" });
    const res = await run(list.loader, makeRequest("/verein/sponsorships?status=trial&q=filt-x", { cookie: memberX.cookie }));
    expect(res.data.result.items.map((r: { code: string }) => r.code)).toEqual(["T-FILT-X1"]);
    const junk = await run(list.loader, makeRequest("/verein/sponsorships?status=nonsense&page=-1", { cookie: memberX.cookie }));
    expect(junk.status).toBe(200);
  });

  it("shows the requests waiting in the own programme (access-logged), none of others", async () => {
    const r = await createTestRequest(db(), { programmeId: programmeX, firstName: "Warteschlange-X", status: "open" });
    await createTestRequest(db(), { programmeId: programmeY, firstName: "Warteschlange-Y", status: "open" });
    const res = await run(list.loader, makeRequest("/verein/sponsorships", { cookie: memberX.cookie }));
    expect(res.data.requests.map((q: { firstName: string }) => q.firstName)).toEqual(["Warteschlange-X"]);
    const logged = await db().selectFrom("audit_log").select("entity_id").where("action", "=", "view").where("entity", "=", "household").where("actor_user_id", "=", memberX.id).where("details", "like", "%verein:sponsorships%").execute();
    expect(logged.map((l) => l.entity_id)).toContain(String(r.householdId));
  });

  it("is for association members: volunteers and the office get 403", async () => {
    for (const cookie of [sponsor.cookie, office]) expect((await run(list.loader, makeRequest("/verein/sponsorships", { cookie }))).status).toBe(403);
  });
});

describe("one tandem of the association", () => {
  it("opens for a member of X (both sides, access-logged); Y gets 404, the sponsor and the office 403", async () => {
    const { id, request } = await createTestTandem(db(), sponsor.id, { programmeId: programmeX });
    const page = await get(id, memberX.cookie);
    expect(page.status).toBe(200);
    expect(page.data.household.firstName).toBe("Samira");
    expect(page.data.sponsor.name).toBe("Paula Botschafterin");
    expect(page.data.tandem.householdId).toBeUndefined();
    expect(page.data.steps).toContain("first_meeting");
    const logged = await db().selectFrom("audit_log").select(["entity", "entity_id"]).where("action", "=", "view").where("actor_user_id", "=", memberX.id).where("details", "like", `%tandem:${id}"%`).execute();
    expect(logged.map((l) => l.entity).sort()).toEqual(["household", "volunteer"]);
    expect(logged.find((l) => l.entity === "household")!.entity_id).toBe(String(request!.householdId));

    expect((await get(id, memberY.cookie)).status).toBe(404);
    expect((await get(id, sponsor.cookie)).status).toBe(403);
    expect((await get(id, office)).status).toBe(403);
    const city = await createTestTandem(db(), sponsor.id, { programmeId: cityProgramme });
    expect((await get(city.id, memberX.cookie)).status).toBe(404);
    expect((await get(999999, memberX.cookie)).status).toBe(404);
    expect((await get(Number.NaN, memberX.cookie)).status).toBe(404);
  });

  it("a member of Y can change nothing of X's tandem (404, nothing written), not even through the command", async () => {
    const { id } = await createTestTandem(db(), sponsor.id, { programmeId: programmeX, status: "trial", firstMeetingAt: `${addDaysToDay(today, -10)}T15:00:00.000Z`, trialEndsOn: addDaysToDay(today, 32) });
    const before = await snapshot();
    for (const form of [
      { intent: "end", day: today, reason: "other", note: "" },
      { intent: "trial-check-in", day: today, decision: "continue", reason: "", note: "" },
      {},
    ]) {
      expect((await post(id, form as Record<string, string>, memberY.cookie)).status).toBe(404);
    }
    expect((await post(id, { intent: "end", day: today, reason: "other", note: "" }, sponsor.cookie)).status).toBe(403);
    const actorY: Actor = { userId: memberY.id, email: "y@example.org", name: "Y", locale: "de", emailVerified: true, roles: ["association_member"], organisationIds: [orgY] };
    const refused = await recordTandemEnd(actorY, id, { day: today, reason: "other", rematch: false }).catch((e) => e);
    expect(isAppError(refused) && refused.status).toBe(403);
    expect(await snapshot()).toBe(before);
  });

  it("runs the lifecycle of the office: first meeting, trial check-in (assignment with X), end with reason", async () => {
    const { id } = await createTestTandem(db(), sponsor.id, { programmeId: programmeX, startedOn: addDaysToDay(today, -20) });
    const first = addDaysToDay(today, -14);
    expect((await post(id, { intent: "plan", day: first, time: "17:00", place: "Vereinsheim", moderator: "association" }, memberX.cookie)).status).toBe(302);
    expect((await post(id, { intent: "held", note: "" }, memberX.cookie)).status).toBe(302);
    expect((await tandem(id)).status).toBe("trial");
    expect((await post(id, { intent: "trial-check-in", day: today, decision: "continue", reason: "", note: "" }, memberX.cookie)).status).toBe(302);
    const t = await tandem(id);
    expect(t.status).toBe("active");
    const a = await db().selectFrom("assignment").selectAll().where("id", "=", t.assignment_id!).executeTakeFirstOrThrow();
    expect(a.organisation_id).toBe(orgX);
    expect(a.start_day).toBe(today);

    // Bad input: the message at the field, nothing written.
    const before = await snapshot();
    const bad = await post(id, { intent: "end", day: today, reason: "bored", note: "" }, memberX.cookie);
    expect(bad.status).toBe(400);
    expect(bad.data.error.reason).toEqual(["errors.invalidChoice"]);
    expect(bad.data.initialValue.intent).toBe("end");
    expect((await post(id, { intent: "revoke-links", meetingId: "1" }, memberX.cookie)).status).toBe(400);
    expect(await snapshot()).toBe(before);

    expect((await post(id, { intent: "end", day: today, reason: "goal_reached", note: "" }, memberX.cookie)).status).toBe(302);
    const ended = await tandem(id);
    expect(ended).toMatchObject({ status: "ended", end_reason: "goal_reached", ended_on: today });
    expect((await db().selectFrom("assignment").select("closed_on").where("id", "=", t.assignment_id!).executeTakeFirstOrThrow()).closed_on).toBe(today);
    const events = await db().selectFrom("tandem_event").select(["kind", "actor_user_id"]).where("tandem_id", "=", id).orderBy("id").execute();
    expect(events.map((e) => e.kind)).toEqual(["first_meeting_planned", "first_meeting", "trial_continued", "ended"]);
    expect(events.every((e) => e.actor_user_id === memberX.id)).toBe(true);
    const page = await get(id, memberX.cookie);
    expect(page.data.events.length).toBe(4);
  });
});
