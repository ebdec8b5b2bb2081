/**
 * The privacy desk (issue #17): requests recorded with receipt and deadline, identity check,
 * extension, export and erasure run from the request, closing; the inbox; the access log's views
 * (and that every page showing a volunteer or household writes an entry); retention counts and the
 * daily job's deletions; the append-only access log; the consent report; bad input.
 * Runs on SQLite and (with TEST_DATABASE_URL) PostgreSQL.
 */
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../app/auth/permissions";
import { listInbox } from "../../../app/modules/office/inbox.server";
import { consentReport } from "../../../app/modules/privacy/consents.server";
import { dueDay } from "../../../app/modules/privacy/deadline";
import { deleteExpiredAuditLog, retentionOverview } from "../../../app/modules/privacy/retention.server";
import { runDailyJobs } from "../../../app/modules/jobs/daily.server";
import { addDaysToDay, berlinDay } from "../../../app/utils/dates";
import { getDb, transaction } from "../../../app/utils/db.server";
import * as list from "../../../app/routes/office.privacy._index";
import * as create from "../../../app/routes/office.privacy.new";
import * as detail from "../../../app/routes/office.privacy.$id";
import * as exporter from "../../../app/routes/office.privacy.$id_.export[.]json";
import * as accessLog from "../../../app/routes/office.privacy.access-log";
import * as retention from "../../../app/routes/office.privacy.retention";
import * as consents from "../../../app/routes/office.privacy.consents";
import * as volunteerPage from "../../../app/routes/office.volunteers.$id";
import * as householdPage from "../../../app/routes/office.households.$id._index";
import * as householdEdit from "../../../app/routes/office.households.$id.edit";
import * as householdExport from "../../../app/routes/office.households.$id.export[.]json";
import * as sponsorshipRequest from "../../../app/routes/office.sponsorships.requests.$id";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestUser, createTestVolunteer } from "../../factories";
import { createTestHousehold } from "../../factories/donations";
import { createTestRequest as createTestSponsorshipRequest } from "../../factories/sponsorships";
import { expectFieldError } from "../helpers";

const db = () => getDb();
let coordinator: { id: string; email: string };
let cookie: string;
let volunteerCookie: string;
let actor: Actor;

const countRows = async (table: "privacy_request" | "privacy_request_event" | "audit_log") => Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
const maxAuditId = async () => Number((await db().selectFrom("audit_log").select((eb) => eb.fn.max("id").as("id")).executeTakeFirstOrThrow()).id ?? 0);
const emailOf = async (id: string) => (await db().selectFrom("user").select("email").where("id", "=", id).executeTakeFirstOrThrow()).email;

async function newRequest(form: Record<string, string>) {
  const res = await run(create.action, makeRequest("/office/privacy/new", { form, cookie }));
  expect(res.status, JSON.stringify(res.data)).toBe(302);
  return Number(res.location!.split("/").pop());
}
const post = (id: number, form: Record<string, string>) => run(detail.action, makeRequest(`/office/privacy/${id}`, { form, cookie }), { id: String(id) });

beforeAll(async () => {
  coordinator = await createTestUser(db(), { roles: ["coordinator"], name: "Clara Koordination" });
  cookie = await sessionCookie(coordinator.id);
  actor = { userId: coordinator.id, email: coordinator.email, name: "Clara Koordination", locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] };
  volunteerCookie = await sessionCookie((await createTestVolunteer(db(), { name: "Volker Ohnerecht" })).id);
});

describe("recording a request", () => {
  it("records an access request for a volunteer with the one-month deadline; it is in the inbox until closed", async () => {
    const v = await createTestVolunteer(db(), { name: "Anna Auskunft" });
    const today = berlinDay(new Date());
    const id = await newRequest({ kind: "access", subjectKind: "volunteer", requesterName: "Anna Auskunft", volunteerEmail: await emailOf(v.id), channel: "letter", receivedOn: today });
    const row = await db().selectFrom("privacy_request").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.volunteer_user_id).toBe(v.id);
    expect(row.due_on).toBe(dueDay(today));
    expect(row.status).toBe("open");

    const inbox = await listInbox(actor);
    const item = inbox.items.find((i) => i.id === `privacy-${id}`);
    expect(item?.module).toBe("privacy");
    expect(item?.severity).toBe("info");
    expect(item?.href).toBe(`/office/privacy/${id}`);
    // A task of the work queue too (issue #16), due on the deadline; for those who work the queue
    // the inbox leaves the item out, as the queue lists it.
    const taskOf = (requestId: number) => db().selectFrom("task").selectAll().where("kind", "=", "privacy-request").where("record_id", "=", String(requestId)).orderBy("id").execute();
    expect((await taskOf(id)).map((t) => [t.status, t.module, t.due_on, t.href, t.permission])).toEqual([["open", "privacy", dueDay(today), `/office/privacy/${id}`, "manage:privacy"]]);
    expect((await listInbox(actor, new Date(), { tasksInQueue: true })).items.some((i) => i.module === "privacy")).toBe(false);

    // A request received almost a month ago is urgent on its last day.
    const old = await newRequest({ kind: "objection", subjectKind: "other", requesterName: "Otto Widerspruch", channel: "email", receivedOn: addDaysToDay(today, -40) });
    expect((await listInbox(actor)).items.find((i) => i.id === `privacy-${old}`)?.severity).toBe("urgent");
    const overdueList = await run(list.loader, makeRequest("/office/privacy?status=overdue", { cookie }));
    expect(overdueList.data.result.items.map((r: { id: number }) => r.id)).toEqual([old]);

    // Closing needs the identity check first (except refused / withdrawn).
    expectFieldError((await post(id, { intent: "close", outcome: "answered", outcomeNote: "Per Brief" })).data, "outcome", "privacy:errors.identityFirst");
    expect((await post(id, { intent: "identity", method: "id-document" })).status).toBe(302);
    expect((await post(id, { intent: "close", outcome: "answered", outcomeNote: "Auskunft per Brief verschickt" })).status).toBe(302);
    expect((await listInbox(actor)).items.some((i) => i.id === `privacy-${id}`)).toBe(false);
    expect((await taskOf(id)).map((t) => [t.status, t.closed_reason])).toEqual([["done", "auto"]]);
    const closed = await db().selectFrom("privacy_request").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect([closed.status, closed.outcome, closed.outcome_note]).toEqual(["closed", "answered", "Auskunft per Brief verschickt"]);
    const events = await db().selectFrom("privacy_request_event").select("action").where("request_id", "=", id).orderBy("id").execute();
    expect(events.map((e) => e.action)).toEqual(["created", "identity", "closed"]);
    // Closed requests take no further steps.
    expectFieldError((await post(id, { intent: "extend", reason: "zu spät" })).data, "", "privacy:errors.closed");
  });

  it("extends the deadline once, with a reason, to three months from receipt", async () => {
    const id = await newRequest({ kind: "access", subjectKind: "other", requesterName: "Erika Frist", channel: "in-person", receivedOn: "2026-10-31" });
    expect((await db().selectFrom("privacy_request").select("due_on").where("id", "=", id).executeTakeFirstOrThrow()).due_on).toBe("2026-11-30");
    expectFieldError((await post(id, { intent: "extend", reason: "" })).data, "reason");
    expect((await post(id, { intent: "extend", reason: "Daten aus drei Bereichen zusammenzutragen" })).status).toBe(302);
    const r = await db().selectFrom("privacy_request").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect([r.extended_due_on, r.extension_reason]).toEqual(["2027-01-31", "Daten aus drei Bereichen zusammenzutragen"]);
    // The queue's task moves to the extended deadline.
    const task = await db().selectFrom("task").select(["due_on", "status"]).where("kind", "=", "privacy-request").where("record_id", "=", String(id)).executeTakeFirstOrThrow();
    expect([task.status, task.due_on]).toEqual(["open", "2027-01-31"]);
    expectFieldError((await post(id, { intent: "extend", reason: "noch einmal" })).data, "reason", "privacy:errors.alreadyExtended");
  });

  it("rejects bad input with translated field messages and writes nothing", async () => {
    const before = await countRows("privacy_request");
    const valid = { kind: "access", subjectKind: "other", requesterName: "Bea Beispiel", channel: "letter", receivedOn: berlinDay(new Date()) };
    const cases: Array<[Record<string, string>, string, string?]> = [
      [{ kind: "everything" }, "kind"],
      [{ requesterName: "" }, "requesterName"],
      [{ requesterName: "<b>x</b>" }, "requesterName"],
      [{ receivedOn: "12/31/2026" }, "receivedOn"], // month first (the German order is read as a day)
      [{ receivedOn: "2026-02-30" }, "receivedOn"],
      [{ receivedOn: addDaysToDay(berlinDay(new Date()), 2) }, "receivedOn", "privacy:errors.futureDate"],
      [{ subjectKind: "volunteer" }, "volunteerEmail", "privacy:errors.volunteerRequired"],
      [{ subjectKind: "volunteer", volunteerEmail: "niemand@example.org" }, "volunteerEmail", "privacy:errors.noSuchVolunteer"],
      [{ subjectKind: "household" }, "householdCode", "privacy:errors.householdRequired"],
      [{ subjectKind: "household", householdCode: "H-NOPE1" }, "householdCode", "privacy:errors.noSuchHousehold"],
      [{ channel: "pigeon" }, "channel"],
    ];
    for (const [patch, field, key] of cases) {
      const res = await run(create.action, makeRequest("/office/privacy/new", { form: { ...valid, ...patch }, cookie }));
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expectFieldError(res.data, field, key);
      // The input is kept.
      expect(res.data.initialValue.kind).toBe({ ...valid, ...patch }.kind);
    }
    expect(await countRows("privacy_request")).toBe(before);
    // Bad ids and unknown intents.
    expect((await run(detail.loader, makeRequest("/office/privacy/abc", { cookie }), { id: "abc" })).status).toBe(404);
    expect((await run(detail.loader, makeRequest("/office/privacy/999999", { cookie }), { id: "999999" })).status).toBe(404);
    const any = await newRequest(valid);
    expect((await post(any, { intent: "explode" })).status).toBe(400);
    expectFieldError((await post(any, { intent: "identity", method: "guess" })).data, "method");
    // Volunteers may not use the desk.
    expect((await run(list.loader, makeRequest("/office/privacy", { cookie: volunteerCookie }))).status).toBe(403);
    expect((await run(create.action, makeRequest("/office/privacy/new", { form: valid, cookie: volunteerCookie }))).status).toBe(403);
  });
});

describe("export and erasure from the request", () => {
  it("exports a volunteer's data after the identity check, logged and noted in the history", async () => {
    const v = await createTestVolunteer(db(), { name: "Xaver Export" });
    const id = await newRequest({ kind: "access", subjectKind: "volunteer", requesterName: "Xaver Export", volunteerEmail: await emailOf(v.id), channel: "email", receivedOn: berlinDay(new Date()) });
    // Not before the identity is checked.
    expect((await run(exporter.loader, makeRequest(`/office/privacy/${id}/export.json`, { cookie }), { id: String(id) })).status).toBe(400);
    await post(id, { intent: "identity", method: "known-account" });
    const res = await run(exporter.loader, makeRequest(`/office/privacy/${id}/export.json`, { cookie }), { id: String(id) });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toContain(`auskunft-${id}-`);
    expect(res.data.userId).toBe(v.id);
    expect(res.data.volunteers.account.name).toBe("Xaver Export");
    const audit = await db().selectFrom("audit_log").selectAll().where("action", "=", "export").where("entity_id", "=", v.id).executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(coordinator.id);
    expect((await db().selectFrom("privacy_request_event").select("action").where("request_id", "=", id).execute()).map((e) => e.action)).toContain("export");
    // Erasure is only for erasure requests.
    expectFieldError((await post(id, { intent: "erase", confirm: "on" })).data, "", "privacy:errors.notErasure");
  });

  it("erases a household from its erasure request (confirmation needed)", async () => {
    const h = await createTestHousehold(db());
    const id = await newRequest({ kind: "erasure", subjectKind: "household", requesterName: "Familie Löschung", householdCode: h.code, channel: "in-person", receivedOn: berlinDay(new Date()) });
    expectFieldError((await post(id, { intent: "erase", confirm: "on" })).data, "", "privacy:errors.identityFirst");
    await post(id, { intent: "identity", method: "known-in-person" });
    expectFieldError((await post(id, { intent: "erase" })).data, "confirm", "privacy:errors.confirmErase");
    expect((await db().selectFrom("household").select("erased_at").where("id", "=", h.id).executeTakeFirstOrThrow()).erased_at).toBeNull();
    const res = await post(id, { intent: "erase", confirm: "on" });
    expect(res.status).toBe(302);
    const erased = await db().selectFrom("household").selectAll().where("id", "=", h.id).executeTakeFirstOrThrow();
    expect(erased.erased_at).not.toBeNull();
    expect(erased.contact_name).toBeNull();
    expect((await db().selectFrom("privacy_request_event").select("action").where("request_id", "=", id).execute()).map((e) => e.action)).toContain("erasure");
    expect((await post(id, { intent: "close", outcome: "erased", outcomeNote: "Haushalt gelöscht" })).status).toBe(302);
  });

  it("erases a volunteer's account from the request", async () => {
    const v = await createTestVolunteer(db(), { name: "Lena Löschen" });
    const id = await newRequest({ kind: "erasure", subjectKind: "volunteer", requesterName: "Lena Löschen", volunteerEmail: await emailOf(v.id), channel: "email", receivedOn: berlinDay(new Date()) });
    await post(id, { intent: "identity", method: "known-account" });
    expect((await post(id, { intent: "erase", confirm: "on" })).status).toBe(302);
    const u = await db().selectFrom("user").selectAll().where("id", "=", v.id).executeTakeFirstOrThrow();
    expect(u.disabled_at).not.toBeNull();
    expect(u.name).toBe("—");
    expect(await db().selectFrom("session").select("id").where("user_id", "=", v.id).execute()).toHaveLength(0);
    const audit = await db().selectFrom("audit_log").select(["actor_user_id", "details"]).where("action", "=", "erase").where("entity_id", "=", v.id).executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(coordinator.id);
  });
});

describe("the access log", () => {
  it("every page showing a volunteer or household writes an access-log entry naming the page", async () => {
    const v = await createTestVolunteer(db(), { name: "Paula Protokoll" });
    const h = await createTestHousehold(db());
    const sr = await createTestSponsorshipRequest(db(), h.id, { firstName: "Selin" });
    const pr = await newRequest({ kind: "access", subjectKind: "household", requesterName: "Familie Protokoll", householdCode: h.code, channel: "letter", receivedOn: berlinDay(new Date()) });
    const pages: Array<[string, Parameters<typeof run>[0], string, Record<string, string>, { entity: string; id: string }]> = [
      ["volunteer page", volunteerPage.loader, `/office/volunteers/${v.id}`, { id: v.id }, { entity: "volunteer", id: v.id }],
      ["household page", householdPage.loader, `/office/households/${h.id}`, { id: String(h.id) }, { entity: "household", id: String(h.id) }],
      ["household edit", householdEdit.loader, `/office/households/${h.id}/edit`, { id: String(h.id) }, { entity: "household", id: String(h.id) }],
      ["household export", householdExport.loader, `/office/households/${h.id}/export.json`, { id: String(h.id) }, { entity: "household", id: String(h.id) }],
      ["sponsorship request", sponsorshipRequest.loader, `/office/sponsorships/requests/${sr.id}`, { id: String(sr.id) }, { entity: "household", id: String(h.id) }],
      ["privacy request", detail.loader, `/office/privacy/${pr}`, { id: String(pr) }, { entity: "household", id: String(h.id) }],
      ["access log by household", accessLog.loader, `/office/privacy/access-log?mode=household&who=${h.code}`, {}, { entity: "household", id: String(h.id) }],
      ["access log by volunteer", accessLog.loader, `/office/privacy/access-log?mode=volunteer&who=${encodeURIComponent(await emailOf(v.id))}`, {}, { entity: "volunteer", id: v.id }],
    ];
    for (const [label, loader, url, params, subject] of pages) {
      const before = await maxAuditId();
      const res = await run(loader, makeRequest(url, { cookie }), params);
      expect(res.status, label).toBe(200);
      const written = await db().selectFrom("audit_log").selectAll().where("id", ">", before).where("entity", "=", subject.entity).where("entity_id", "=", subject.id).execute();
      expect(written.length, label).toBeGreaterThan(0);
      expect(written.every((w) => w.actor_user_id === coordinator.id), label).toBe(true);
    }
    // The household's log lists who looked, when and through which page.
    const log = await run(accessLog.loader, makeRequest(`/office/privacy/access-log?mode=household&who=${h.code}`, { cookie }));
    const vias = log.data.result.entries.map((e: { via: string | null }) => e.via);
    expect(vias).toContain(`/office/households/${h.id}`);
    expect(vias).toContain(`/office/privacy/${pr}`);
    expect(vias).toContain("/office/privacy/access-log");
    expect(log.data.result.entries[0].actorName).toBe("Clara Koordination");
  });

  it("shows what a staff account viewed, filtered by period, and logs the query", async () => {
    const other = await createTestUser(db(), { roles: ["coordinator"], name: "Stefan Staff" });
    const v = await createTestVolunteer(db(), { name: "Gerda Gesehen" });
    await db()
      .insertInto("audit_log")
      .values([
        { actor_user_id: other.id, action: "view", entity: "volunteer", entity_id: v.id, details: JSON.stringify({ via: "/office/volunteers/x" }), created_at: "2026-03-10T10:00:00.000Z" },
        { actor_user_id: other.id, action: "view", entity: "household", entity_id: "1", details: null, created_at: "2026-06-10T10:00:00.000Z" },
      ])
      .execute();
    const url = (q: string) => `/office/privacy/access-log?mode=staff&who=${encodeURIComponent(other.email)}${q}`;
    expect((await run(accessLog.loader, makeRequest(url(""), { cookie }))).data.result.total).toBe(2);
    const march = await run(accessLog.loader, makeRequest(url("&from=2026-03-01&to=2026-03-31"), { cookie }));
    expect(march.data.result.entries.map((e: { entity: string }) => e.entity)).toEqual(["volunteer"]);
    // The last day of the period counts whole (Berlin time).
    expect((await run(accessLog.loader, makeRequest(url("&from=2026-03-10&to=2026-03-10"), { cookie }))).data.result.total).toBe(1);
    const logged = await db().selectFrom("audit_log").selectAll().where("actor_user_id", "=", coordinator.id).where("entity", "=", "access_log").where("entity_id", "=", other.id).execute();
    expect(logged.length).toBe(3);
    // A volunteer is no staff account; unknown people are said so; a bad date is ignored and said.
    expect((await run(accessLog.loader, makeRequest(`/office/privacy/access-log?mode=staff&who=${encodeURIComponent(await emailOf(v.id))}`, { cookie }))).data.result).toBeNull();
    const bad = await run(accessLog.loader, makeRequest(url("&from=gestern"), { cookie }));
    expect(bad.status).toBe(200);
    expect(bad.data.ignored).toBe(true);
  });

  it("is append-only: no update, no delete, except the retention task's deletion of expired entries", async () => {
    await db().insertInto("audit_log").values({ actor_user_id: null, action: "view", entity: "test", entity_id: "old", details: null, created_at: "2020-01-01T00:00:00.000Z" }).execute();
    const recent = await db().insertInto("audit_log").values({ actor_user_id: null, action: "view", entity: "test", entity_id: "new", details: null, created_at: new Date().toISOString() }).returning("id").executeTakeFirstOrThrow();
    await expect(db().updateTable("audit_log").set({ action: "changed" }).where("id", "=", recent.id).execute()).rejects.toThrow(/append-only/);
    await expect(db().deleteFrom("audit_log").where("id", "=", recent.id).execute()).rejects.toThrow(/append-only/);
    await expect(db().deleteFrom("audit_log").where("entity_id", "=", "old").execute()).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db())).rejects.toThrow(/append-only/);
    const deleted = await transaction((trx) => deleteExpiredAuditLog(trx, new Date()));
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await db().selectFrom("audit_log").select("id").where("entity_id", "=", "old").execute()).toHaveLength(0);
    expect(await db().selectFrom("audit_log").select("id").where("id", "=", recent.id).execute()).toHaveLength(1);
    // The gate is closed again after the task.
    expect((await db().selectFrom("audit_log_purge").select("purge_before").executeTakeFirstOrThrow()).purge_before).toBe("");
  });
});

describe("retention and consents", () => {
  it("counts what is due per record type and shows the daily job's last deletions (counts only)", async () => {
    const now = new Date();
    await db().insertInto("login_attempt").values([{ email: "a@example.org", ip: "1.2.3.4", succeeded: 0, created_at: "2020-01-01T00:00:00.000Z" }]).execute();
    await db().insertInto("audit_log").values({ actor_user_id: null, action: "view", entity: "test", entity_id: "ancient", details: null, created_at: "2019-01-01T00:00:00.000Z" }).execute();
    const before = await run(retention.loader, makeRequest("/office/privacy/retention", { cookie }));
    const row = (data: { rows: Array<{ type: string; due: number; lastDeleted: number | null }> }, type: string) => data.rows.find((r) => r.type === type)!;
    expect(row(before.data, "loginAttempt").due).toBeGreaterThanOrEqual(1);
    expect(row(before.data, "auditLog").due).toBeGreaterThanOrEqual(1);
    await runDailyJobs({ now, force: true });
    const after = await retentionOverview(actor, now);
    expect(after.lastRun).toBe(berlinDay(now));
    expect(row(after, "loginAttempt").due).toBe(0);
    expect(row(after, "auditLog").due).toBe(0);
    expect(row(after, "loginAttempt").lastDeleted).toBeGreaterThanOrEqual(1);
    expect(row(after, "auditLog").lastDeleted).toBeGreaterThanOrEqual(1);
    const results = await db().selectFrom("job_task_result").selectAll().where("task", "=", "audit-log-retention").execute();
    expect(results).toHaveLength(1);
  });

  it("reports consents per text version and language, given and withdrawn", async () => {
    const base = await consentReport(actor);
    const given = (r: typeof base, purpose: string) => r.volunteers.find((x) => x.purpose === purpose && x.version === 1 && x.language === "de");
    const v = await createTestVolunteer(db(), { name: "Wilma Widerruf" });
    await db().updateTable("consent_record").set({ withdrawn_at: new Date().toISOString() }).where("user_id", "=", v.id).where("purpose", "=", "confidentiality").execute();
    const res = await run(consents.loader, makeRequest("/office/privacy/consents", { cookie }));
    expect(res.status).toBe(200);
    expect(given(res.data, "confidentiality")!.given).toBe((given(base, "confidentiality")?.given ?? 0) + 1);
    expect(given(res.data, "confidentiality")!.withdrawn).toBe((given(base, "confidentiality")?.withdrawn ?? 0) + 1);
    expect(given(res.data, "volunteer-data")!.withdrawn).toBe(given(base, "volunteer-data")?.withdrawn ?? 0);
  });
});
