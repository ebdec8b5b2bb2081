import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import * as list from "../../../app/routes/office.volunteers._index";
import * as detail from "../../../app/routes/office.volunteers.$id";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";

let coordinator: string;
let admin: string;
let volunteerCookie: string;
let memberCookie: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const db = getDb();
  coordinator = await sessionCookie((await createTestUser(db, { roles: ["coordinator"], name: "Clara Koordination" })).id);
  admin = await sessionCookie((await createTestUser(db, { roles: ["admin"] })).id);
  const org = await createTestOrganisation(db);
  memberCookie = await sessionCookie((await createTestUser(db, { roles: ["association_member"], organisationIds: [org.id] })).id);
  ids.anna = (await createTestVolunteer(db, { name: "Anna Arabisch", districtId: 1, languages: [{ code: "ar", level: "native" }, { code: "de", level: "B2" }], skills: ["kochen"], fieldIds: [1] })).id;
  ids.bert = (await createTestVolunteer(db, { name: "Bert Busfahrer", districtId: 2, status: "active", skills: ["fahren"], fieldIds: [2] })).id;
  ids.cem = (await createTestVolunteer(db, { name: "Cem 100%_Sicher", districtId: 2, languages: [{ code: "tr", level: "C1" }] })).id;
  volunteerCookie = await sessionCookie(ids.anna);
});

describe("/office/volunteers list", () => {
  it("coordinators and admins see all; filters combine", async () => {
    for (const cookie of [coordinator, admin]) {
      const all = await run(list.loader, makeRequest("/office/volunteers", { cookie }));
      expect(all.status).toBe(200);
      expect(all.data.result.total).toBe(3);
    }
    const q = (qs: string) => run(list.loader, makeRequest(`/office/volunteers?${qs}`, { cookie: coordinator })).then((r) => r.data.result.items.map((i: { name: string }) => i.name));
    expect(await q("language=ar")).toEqual(["Anna Arabisch"]);
    expect(await q("districtId=2")).toEqual(["Bert Busfahrer", "Cem 100%_Sicher"]);
    expect(await q("districtId=2&status=active")).toEqual(["Bert Busfahrer"]);
    expect(await q("skill=Kochen")).toEqual(["Anna Arabisch"]);
    expect(await q("fieldId=2")).toEqual(["Bert Busfahrer"]);
    expect(await q("q=bus")).toEqual(["Bert Busfahrer"]);
    // "%" and "_" are literal characters, not wildcards.
    expect(await q("q=%25_")).toEqual(["Cem 100%_Sicher"]);
    expect(await q("q=a%25")).toEqual([]);
    const page = await run(list.loader, makeRequest("/office/volunteers?language=ar", { cookie: coordinator }));
    expect(page.data.result.items[0].languages).toEqual([{ code: "ar", level: "native" }, { code: "de", level: "B2" }]);
  });

  it("ignores hostile or malformed filters instead of failing", async () => {
    for (const qs of ["status=boss", "districtId=abc", "language=de'--", "fieldId=-1", "page=-5", "skill=" + "x".repeat(500), "q=" + "%".repeat(300), "page=1e9"]) {
      const res = await run(list.loader, makeRequest(`/office/volunteers?${qs}`, { cookie: coordinator }));
      expect(res.status, qs).toBe(200);
    }
  });

  it("is 403 for volunteers and association members (they have /verein/volunteers); anonymous go to login", async () => {
    expect((await run(list.loader, makeRequest("/office/volunteers", { cookie: volunteerCookie }))).status).toBe(403);
    expect((await run(list.loader, makeRequest("/office/volunteers", { cookie: memberCookie }))).status).toBe(403);
    expect((await run(list.loader, makeRequest("/office/volunteers"))).location).toMatch(/^\/login/);
  });
});

describe("/office/volunteers/$id", () => {
  it("shows the record and writes every view to the access log", async () => {
    const res = await run(detail.loader, makeRequest(`/office/volunteers/${ids.anna}`, { cookie: coordinator }), { id: ids.anna });
    expect(res.status).toBe(200);
    expect(res.data.volunteer.name).toBe("Anna Arabisch");
    expect(res.data.volunteer.consentsComplete).toBe(true);
    expect(res.data.volunteer.history).toHaveLength(1);
    expect(res.data.transitions).toEqual(["left"]);
    await run(detail.loader, makeRequest(`/office/volunteers/${ids.anna}`, { cookie: coordinator }), { id: ids.anna });
    const views = await getDb().selectFrom("audit_log").selectAll().where("entity", "=", "volunteer").where("entity_id", "=", ids.anna).where("action", "=", "view").execute();
    expect(views).toHaveLength(2);
    expect(views[0].actor_user_id).toBeTruthy();
  });

  it("answers 404 for bad, unknown and erased ids, and 403 for other roles trying real ids", async () => {
    for (const id of ["../etc", "ABC", "x".repeat(41), "unknown123", ""]) {
      expect((await run(detail.loader, makeRequest(`/office/volunteers/${id}`, { cookie: coordinator }), { id })).status, id).toBe(404);
    }
    await getDb().updateTable("volunteer_profile").set({ erased_at: new Date().toISOString() }).where("user_id", "=", ids.cem).execute();
    expect((await run(detail.loader, makeRequest(`/office/volunteers/${ids.cem}`, { cookie: coordinator }), { id: ids.cem })).status).toBe(404);
    await getDb().updateTable("volunteer_profile").set({ erased_at: null }).where("user_id", "=", ids.cem).execute();
    // A volunteer trying someone else's id (or their own) through the office page.
    expect((await run(detail.loader, makeRequest(`/office/volunteers/${ids.bert}`, { cookie: volunteerCookie }), { id: ids.bert })).status).toBe(403);
    expect((await run(detail.loader, makeRequest(`/office/volunteers/${ids.anna}`, { cookie: volunteerCookie }), { id: ids.anna })).status).toBe(403);
    expect((await run(detail.loader, makeRequest(`/office/volunteers/${ids.bert}`, { cookie: memberCookie }), { id: ids.bert })).status).toBe(403);
    expect((await run(detail.action, makeRequest(`/office/volunteers/${ids.bert}`, { cookie: memberCookie, form: { intent: "status", to: "left", reason: "x" } }), { id: ids.bert })).status).toBe(403);
    // Nothing was logged for refused views.
    const views = await getDb().selectFrom("audit_log").selectAll().where("entity_id", "=", ids.bert).where("action", "=", "view").execute();
    expect(views).toHaveLength(0);
  });

  it("schedules the intake (status, date, mail), records it, activates with history and mail", async () => {
    const v = await createTestVolunteer(getDb(), { name: "Ida Intake" });
    const post = (form: Record<string, string>) => run(detail.action, makeRequest(`/office/volunteers/${v.id}`, { cookie: coordinator, form }), { id: v.id });

    const direct = await post({ intent: "status", to: "active", reason: "gleich los" });
    expect(direct.status).toBe(400);
    expect(direct.data.error.to).toEqual(["volunteers:errors.transitionNotAllowed"]);

    const scheduled = await post({ intent: "schedule-intake", intakeOn: "2026-12-03" });
    expect(scheduled.status).toBe(302);
    let p = await getDb().selectFrom("volunteer_profile").selectAll().where("user_id", "=", v.id).executeTakeFirstOrThrow();
    expect(p).toMatchObject({ status: "intake_scheduled", intake_on: "2026-12-03" });
    const invite = await getDb().selectFrom("outbox").selectAll().where("to_address", "=", v.email).where("template", "=", "volunteer-intake-scheduled").executeTakeFirstOrThrow();
    expect(invite.text).toContain("03.12.2026");

    expect((await post({ intent: "record-intake", intakeOn: "2026-12-03", notes: "Motiviert, spricht Arabisch." })).status).toBe(302);
    const active = await post({ intent: "status", to: "active", reason: "Erstgespräch gut verlaufen" });
    expect(active.status).toBe(302);
    p = await getDb().selectFrom("volunteer_profile").selectAll().where("user_id", "=", v.id).executeTakeFirstOrThrow();
    expect(p).toMatchObject({ status: "active", intake_notes: "Motiviert, spricht Arabisch." });
    const history = await getDb().selectFrom("volunteer_status_history").selectAll().where("user_id", "=", v.id).orderBy("id").execute();
    expect(history.map((h) => [h.from_status, h.to_status])).toEqual([
      [null, "registered"],
      ["registered", "intake_scheduled"],
      ["intake_scheduled", "active"],
    ]);
    expect(history[2].reason).toBe("Erstgespräch gut verlaufen");
    expect(history[2].changed_by).not.toBe(v.id);
    const mails = await getDb().selectFrom("outbox").select("template").where("to_address", "=", v.email).where("template", "=", "volunteer-status-changed").execute();
    expect(mails).toHaveLength(1);
  });

  it("answers bad office input with 400 and writes nothing", async () => {
    const v = await createTestVolunteer(getDb());
    const post = (form: Record<string, string>) => run(detail.action, makeRequest(`/office/volunteers/${v.id}`, { cookie: coordinator, form }), { id: v.id });
    const cases: Array<[Record<string, string>, string]> = [
      [{ intent: "status", to: "left", reason: "" }, "reason"],
      [{ intent: "status", to: "left", reason: "x".repeat(501) }, "reason"],
      [{ intent: "status", to: "left", reason: "<img src=x onerror=alert(1)>" }, "reason"],
      [{ intent: "status", to: "boss", reason: "x" }, "to"],
      [{ intent: "schedule-intake", intakeOn: "2026-02-30" }, "intakeOn"],
      [{ intent: "schedule-intake", intakeOn: "morgen" }, "intakeOn"],
      [{ intent: "record-intake", intakeOn: "2026-12-01", notes: "" }, "notes"],
      [{ intent: "record-intake", intakeOn: "2026-12-01", notes: "x".repeat(2001) }, "notes"],
    ];
    for (const [form, field] of cases) {
      const res = await post(form);
      expect(res.status, JSON.stringify(form).slice(0, 80)).toBe(400);
      expect(res.data.error[field]).toBeTruthy();
    }
    expect((await post({ intent: "nonsense" })).status).toBe(400);
    const p = await getDb().selectFrom("volunteer_profile").selectAll().where("user_id", "=", v.id).executeTakeFirstOrThrow();
    expect(p).toMatchObject({ status: "registered", intake_on: null, intake_notes: null });
    expect(await getDb().selectFrom("volunteer_status_history").selectAll().where("user_id", "=", v.id).execute()).toHaveLength(1);
  });
});
