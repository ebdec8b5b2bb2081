/**
 * The tandem after the match, through the office's routes: first meeting (planned, held) →
 * trial → trial check-in → active (an assignment of the sponsor: covered) → check-in → end with
 * reason and re-match (the request back in the queue with priority, the assignment closed).
 * Every change writes a tandem_event. Bad input on every step form: message at the field, input
 * kept, nothing written.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as detail from "../../../app/routes/office.sponsorships.tandems.$id";
import * as list from "../../../app/routes/office.sponsorships.tandems._index";
import { isCoveredOn } from "../../../app/modules/coverage/policy";
import { listAssignmentsOf, toFacts } from "../../../app/modules/coverage/assignments.server";
import { addDaysToDay, todayOf } from "../../../app/utils/dates";
import { getDb } from "../../../app/utils/db.server";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";
import { createTestProgramme, createTestTandem } from "../../factories/tandems";
import { makeRequest, run, sessionCookie } from "../../setup/remix";

const db = () => getDb();
let office: string;
let volunteer: string;
let member: string;
let sponsorId: string;
const today = todayOf();
const url = (id: number) => `/office/sponsorships/tandems/${id}`;
const post = (id: number, form: Record<string, string>, cookie = office) => run(detail.action, makeRequest(url(id), { form, cookie }), { id: String(id) });
const events = async (id: number) => (await db().selectFrom("tandem_event").select(["kind", "actor_user_id", "reason"]).where("tandem_id", "=", id).orderBy("id").execute());
const tandem = (id: number) => db().selectFrom("tandem").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

beforeAll(async () => {
  await createTestOrganisation(db(), { name: "Stadt Testhausen", legalForm: "city" });
  office = await sessionCookie((await createTestUser(db(), { roles: ["coordinator"] })).id);
  const v = await createTestVolunteer(db(), { status: "active", name: "Paula Patin" });
  sponsorId = v.id;
  volunteer = await sessionCookie((await createTestVolunteer(db(), { status: "active" })).id);
  const org = await createTestOrganisation(db());
  member = await sessionCookie((await createTestUser(db(), { roles: ["association_member"], organisationIds: [org.id] })).id);
});

describe("the lifecycle through the office's page", () => {
  it("plans and holds the first meeting, runs the trial, activates (assignment: covered), checks in, ends with re-match", async () => {
    const { id, request } = await createTestTandem(db(), sponsorId, { startedOn: addDaysToDay(today, -20) });
    const first = addDaysToDay(today, -14);

    expect((await post(id, { intent: "plan", day: first, time: "17:30", place: "Begegnungsstätte Neersen", moderator: "office" })).status).toBe(302);
    let t = await tandem(id);
    expect(t.status).toBe("first_meeting");
    expect(t.first_meeting_place).toBe("Begegnungsstätte Neersen");

    expect((await post(id, { intent: "held", note: "" })).status).toBe(302);
    t = await tandem(id);
    expect(t.status).toBe("trial");
    expect(t.trial_ends_on).toBe(addDaysToDay(first, 42));
    expect(t.assignment_id).toBeNull();

    const page = await run(detail.loader, makeRequest(url(id), { cookie: office }), { id: String(id) });
    expect(page.status).toBe(200);
    expect(page.data.steps).toEqual(["trial_check_in", "end"]);
    expect(page.data.household.firstName).toBe("Samira");

    expect((await post(id, { intent: "trial-check-in", day: today, decision: "continue", reason: "", note: "" })).status).toBe(302);
    t = await tandem(id);
    expect(t.status).toBe("active");
    expect(t.assignment_id).not.toBeNull();
    const assignments = await listAssignmentsOf(sponsorId);
    expect(assignments).toHaveLength(1);
    expect(assignments[0].activity).toContain(t.code);
    expect(isCoveredOn(assignments.map(toFacts), today).covered).toBe(true);

    expect((await post(id, { intent: "check-in", day: today, decision: "continue", reason: "", note: "läuft gut" })).status).toBe(302);
    expect((await tandem(id)).next_checkin_on).not.toBeNull();

    expect((await post(id, { intent: "end", day: today, reason: "moved_away", rematch: "on", note: "" })).status).toBe(302);
    t = await tandem(id);
    expect(t.status).toBe("ended");
    expect(t.end_reason).toBe("moved_away");
    expect(t.ended_on).toBe(today);
    const a = await db().selectFrom("assignment").selectAll().where("id", "=", t.assignment_id!).executeTakeFirstOrThrow();
    expect(a.closed_on).toBe(today);
    expect(isCoveredOn((await listAssignmentsOf(sponsorId)).map(toFacts), addDaysToDay(today, 1)).covered).toBe(false);
    const r = await db().selectFrom("sponsorship_request").select(["status", "priority"]).where("id", "=", request!.id).executeTakeFirstOrThrow();
    expect(r).toEqual({ status: "open", priority: 1 });

    const kinds = (await events(id)).map((e) => e.kind);
    expect(kinds).toEqual(["first_meeting_planned", "first_meeting", "trial_continued", "check_in", "ended", "rematch"]);
    expect((await events(id)).every((e) => e.actor_user_id)).toBe(true);
  });

  it("a trial check-in may adjust (a new trial) or end without re-match (request closed)", async () => {
    const { id, request } = await createTestTandem(db(), sponsorId, { status: "trial", firstMeetingAt: `${addDaysToDay(today, -50)}T16:00:00.000Z`, trialEndsOn: addDaysToDay(today, -8) });
    expect((await post(id, { intent: "trial-check-in", day: today, decision: "adjust", reason: "", note: "Treffen lieber am Wochenende" })).status).toBe(302);
    expect((await tandem(id)).trial_ends_on).toBe(addDaysToDay(today, 42));
    expect((await post(id, { intent: "trial-check-in", day: today, decision: "end", reason: "no_fit", note: "" })).status).toBe(302);
    expect((await tandem(id)).status).toBe("ended");
    expect((await db().selectFrom("sponsorship_request").select("status").where("id", "=", request!.id).executeTakeFirstOrThrow()).status).toBe("closed");
  });

  it("refuses a step that does not fit the state, with a message and nothing written", async () => {
    const { id } = await createTestTandem(db(), sponsorId);
    const res = await post(id, { intent: "check-in", day: today, decision: "continue", reason: "", note: "" });
    expect(res.status).toBe(400);
    expect(res.data.error[""]).toEqual(["tandems:errors.notAllowed"]);
    expect(await events(id)).toEqual([]);
    // held without a plan
    const held = await post(id, { intent: "held", note: "" });
    expect(held.data.error[""]).toEqual(["tandems:errors.notPlanned"]);
  });
});

describe("bad input on every step form", () => {
  it("answers 400 with the message at the field, keeps the input, writes nothing", async () => {
    const { id } = await createTestTandem(db(), sponsorId, { status: "first_meeting" });
    const trialT = await createTestTandem(db(), sponsorId, { status: "trial", firstMeetingAt: `${addDaysToDay(today, -10)}T16:00:00.000Z`, trialEndsOn: addDaysToDay(today, 32) });
    const activeT = await createTestTandem(db(), sponsorId, { status: "active", firstMeetingAt: `${addDaysToDay(today, -100)}T16:00:00.000Z`, trialEndsOn: addDaysToDay(today, -58), nextCheckInOn: today });
    const cases: Array<[number, Record<string, string>, string, string | RegExp]> = [
      [id, { intent: "plan", day: "2026-02-30", time: "17:00", place: "Rathaus", moderator: "office" }, "day", "errors.invalidDate"],
      [id, { intent: "plan", day: today, time: "25:00", place: "Rathaus", moderator: "office" }, "time", "tandems:errors.invalidTime"],
      [id, { intent: "plan", day: today, time: "17:00", place: "<b>x</b>", moderator: "office" }, "place", "errors.forbiddenCharacters"],
      [id, { intent: "plan", day: today, time: "17:00", place: "Rathaus", moderator: "mayor" }, "moderator", "errors.invalidChoice"],
      [id, { intent: "plan", day: "2000-01-01", time: "17:00", place: "Rathaus", moderator: "office" }, "day", "tandems:errors.dayBeforeStart"],
      [id, { intent: "end", day: today, reason: "bored", note: "" }, "reason", "errors.invalidChoice"],
      [id, { intent: "end", day: addDaysToDay(today, 3), reason: "other", note: "" }, "day", "tandems:errors.dayInFuture"],
      [trialT.id, { intent: "trial-check-in", day: today, decision: "end", reason: "", note: "" }, "reason", "tandems:errors.reasonRequired"],
      [trialT.id, { intent: "trial-check-in", day: today, decision: "adjust", reason: "", note: "" }, "note", "tandems:errors.noteRequired"],
      [trialT.id, { intent: "trial-check-in", day: today, decision: "maybe", reason: "", note: "" }, "decision", "errors.invalidChoice"],
      [trialT.id, { intent: "trial-check-in", day: addDaysToDay(today, -30), decision: "continue", reason: "", note: "" }, "day", "tandems:errors.dayBeforeStart"],
      [activeT.id, { intent: "check-in", day: "", decision: "continue", reason: "", note: "" }, "day", "errors.required"],
      [activeT.id, { intent: "check-in", day: today, decision: "end", reason: "", note: "" }, "reason", "tandems:errors.reasonRequired"],
      [activeT.id, { intent: "check-in", day: today, decision: "continue", reason: "", note: "x".repeat(501) }, "note", /^errors\.tooLong/],
      [activeT.id, { intent: "revoke-links", meetingId: "abc" }, "meetingId", "errors.invalidChoice"],
      [activeT.id, { intent: "revoke-links", meetingId: "999999" }, "meetingId", "errors.invalidChoice"],
    ];
    const snapshot = async () => JSON.stringify([await db().selectFrom("tandem").selectAll().orderBy("id").execute(), await db().selectFrom("tandem_event").selectAll().execute(), await db().selectFrom("assignment").selectAll().execute()]);
    const before = await snapshot();
    for (const [tid, form, field, key] of cases) {
      const res = await post(tid, form);
      expect(res.status, `${JSON.stringify(form)} → ${JSON.stringify(res.data)}`).toBe(400);
      const messages: string[] = res.data.error?.[field] ?? [];
      expect(messages.length, `${field}: ${JSON.stringify(res.data.error)}`).toBeGreaterThan(0);
      if (key instanceof RegExp) expect(messages[0]).toMatch(key);
      else expect(messages[0]).toBe(key);
      // the input is kept
      expect(res.data.initialValue?.intent).toBe(form.intent);
    }
    expect(await snapshot()).toBe(before);
    // an unknown intent is a plain 400
    expect((await post(id, { intent: "fly" })).status).toBe(400);
  });
});

describe("who may see the office's pages", () => {
  it("the office lists and opens tandems; volunteers and association members may not; an unknown id is a 404", async () => {
    const { id } = await createTestTandem(db(), sponsorId);
    const res = await run(list.loader, makeRequest("/office/sponsorships/tandems?status=first_meeting", { cookie: office }));
    expect(res.status).toBe(200);
    expect(res.data.result.items.some((r: { id: number }) => r.id === id)).toBe(true);
    expect(res.data.result.items.every((r: { status: string }) => r.status === "first_meeting")).toBe(true);
    for (const cookie of [volunteer, member]) {
      expect((await run(list.loader, makeRequest("/office/sponsorships/tandems", { cookie }))).status).toBe(403);
      expect((await run(detail.loader, makeRequest(url(id), { cookie }), { id: String(id) })).status).toBe(403);
      expect((await post(id, { intent: "end", day: today, reason: "other" }, cookie)).status).toBe(403);
    }
    expect((await run(detail.loader, makeRequest(url(999999), { cookie: office }), { id: "999999" })).status).toBe(404);
    expect((await run(detail.loader, makeRequest("/office/sponsorships/tandems/abc", { cookie: office }), { id: "abc" })).status).toBe(404);
  });

  it("the office's view of a tandem goes to the access log (household and sponsor)", async () => {
    const { id, request } = await createTestTandem(db(), sponsorId);
    await run(detail.loader, makeRequest(url(id), { cookie: office }), { id: String(id) });
    const logged = await db().selectFrom("audit_log").select(["entity", "entity_id", "details"]).where("action", "=", "view").where("details", "like", `%tandem:${id}%`).execute();
    expect(logged.map((l) => l.entity).sort()).toEqual(["household", "volunteer"]);
    expect(logged.find((l) => l.entity === "household")!.entity_id).toBe(String(request!.householdId));
  });

  it("filters the list in SQL: programme, due check-in, code; paged", async () => {
    const p = await createTestProgramme(db(), { name: "Filterprogramm" });
    const due = await createTestTandem(db(), sponsorId, { programmeId: p.id, status: "active", firstMeetingAt: `${addDaysToDay(today, -200)}T16:00:00.000Z`, nextCheckInOn: addDaysToDay(today, -1), code: "T-FILTER1" });
    await createTestTandem(db(), sponsorId, { programmeId: p.id, status: "active", firstMeetingAt: `${addDaysToDay(today, -200)}T16:00:00.000Z`, nextCheckInOn: addDaysToDay(today, 30), code: "T-FILTER2" });
    const res = await run(list.loader, makeRequest(`/office/sponsorships/tandems?programmeId=${p.id}&due=check-in`, { cookie: office }));
    expect(res.data.result.items.map((r: { id: number }) => r.id)).toEqual([due.id]);
    const byCode = await run(list.loader, makeRequest("/office/sponsorships/tandems?q=filter2", { cookie: office }));
    expect(byCode.data.result.items.map((r: { code: string }) => r.code)).toEqual(["T-FILTER2"]);
    const junk = await run(list.loader, makeRequest("/office/sponsorships/tandems?status=nonsense&programmeId=abc&page=-3", { cookie: office }));
    expect(junk.status).toBe(200);
    expect(junk.data.result.page).toBe(1);
  });
});
