/**
 * The office work queue (ADR 0036): assignment, snooze (hidden until its day, with a fixed clock),
 * done by hand, filters and counts, paging, the page's forms without JavaScript, and who may use it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../app/auth/permissions";
import type { Role } from "../../../db/schema";
import * as page from "../../../app/routes/office._index";
import * as taskPage from "../../../app/routes/office.tasks.$id";
import { NAV_TASK_CAP, TASK_PAGE_SIZE, type TaskKind } from "../../../app/modules/tasks/kinds";
import { assignTask, completeTask, listTaskQueue, navTaskCount, snoozeTask, taskCounts } from "../../../app/modules/tasks/queue.server";
import { openTask, reconcileKind } from "../../../app/modules/tasks/tasks.server";
import { getDb, transaction } from "../../../app/utils/db.server";
import { createTestUser, createTestVolunteer } from "../../factories";
import { makeRequest, run, sessionCookie } from "../../setup/remix";

const db = () => getDb();
// A fixed clock: noon in Berlin on 10 March 2031.
const NOW = new Date("2031-03-10T11:00:00.000Z");
const TODAY = "2031-03-10";
type Who = Actor & { cookie: string };
let jana: Who;
let konrad: Who;
let volunteer: Who;
let member: Who;

async function who(roles: Role[], name: string): Promise<Who> {
  const u = await createTestUser(db(), { roles, name });
  return { userId: u.id, email: u.email, name, locale: "de", emailVerified: true, roles, organisationIds: [], cookie: await sessionCookie(u.id) };
}

/** A task of `kind` for a made-up record, due on `dueOn`. */
async function task(kind: TaskKind, recordId: string, dueOn: string, title = `Aufgabe ${recordId}`) {
  await transaction((trx) => openTask(trx, kind, { recordId, href: `/office/x/${recordId}`, titleKey: "tasks:titles.offerReview", values: { category: title }, dueOn }, NOW));
  return (await db().selectFrom("task").select("id").where("open_key", "=", `${kind}:${recordId}`).executeTakeFirstOrThrow()).id;
}

const all = { view: "all", module: null, page: 1 } as const;
const ids = async (actor: Actor, f: Parameters<typeof listTaskQueue>[1] = all, now = NOW) => (await listTaskQueue(actor, f, now)).tasks.map((t) => t.id);

let overdueRoom: number;
let dueDonation: number;
let laterSeal: number;

beforeAll(async () => {
  jana = await who(["coordinator"], "Jana Musterfrau");
  konrad = await who(["admin"], "Konrad Admin");
  volunteer = await who(["volunteer"], "Tomasz Beispiel");
  member = await who(["association_member"], "Aylin Probe");
  overdueRoom = await task("room-request", "q1", "2031-03-08", "Raum überfällig");
  dueDonation = await task("donation-offer-review", "q2", TODAY, "Spende heute");
  laterSeal = await task("seal-screen", "q3", "2031-03-20", "Siegel später");
});

describe("the queue", () => {
  it("lists open tasks by due day; opening again is idempotent and refreshes the title", async () => {
    expect(await ids(jana)).toEqual([overdueRoom, dueDonation, laterSeal]);
    await task("room-request", "q1", "2031-03-08", "Raum umbenannt");
    const { tasks } = await listTaskQueue(jana, all, NOW);
    expect(tasks).toHaveLength(3);
    expect(tasks[0]).toMatchObject({ id: overdueRoom, module: "rooms", overdue: true, values: { category: "Raum umbenannt" } });
    expect(tasks[1].overdue).toBe(false);
  });

  it("assigns to me, to a colleague and back to nobody; an unknown assignee is refused", async () => {
    await assignTask(jana, dueDonation, jana.userId, NOW);
    expect((await listTaskQueue(jana, { ...all, view: "mine" }, NOW)).tasks.map((t) => [t.id, t.assignee?.name])).toEqual([[dueDonation, "Jana Musterfrau"]]);
    await assignTask(jana, laterSeal, konrad.userId, NOW);
    expect(await ids(konrad, { ...all, view: "mine" })).toEqual([laterSeal]);
    expect(await ids(jana, { ...all, view: "unassigned" })).toEqual([overdueRoom]);
    // Only office members can be assigned.
    await expect(assignTask(jana, overdueRoom, volunteer.userId, NOW)).rejects.toMatchObject({ status: 400, field: "assignee" });
    await assignTask(jana, laterSeal, null, NOW);
    expect(await ids(jana, { ...all, view: "unassigned" })).toEqual([overdueRoom, laterSeal]);
  });

  it("filters by module and overdue, and counts each filter and module", async () => {
    expect(await ids(jana, { ...all, module: "rooms" })).toEqual([overdueRoom]);
    expect(await ids(jana, { ...all, view: "overdue" })).toEqual([overdueRoom]);
    const counts = await taskCounts(jana, NOW);
    expect(counts).toMatchObject({ all: 3, mine: 1, unassigned: 2, overdue: 1, snoozed: 0 });
    expect(counts.modules).toMatchObject({ rooms: 1, donations: 1, seal: 1, volunteers: 0 });
  });

  it("snoozes until a day with a note: hidden until that day, listed under 'snoozed' meanwhile", async () => {
    await expect(snoozeTask(jana, overdueRoom, TODAY, null, NOW)).rejects.toMatchObject({ status: 400, field: "until" });
    await snoozeTask(jana, overdueRoom, "2031-03-12", "Rückruf am Mittwoch", NOW);
    expect(await ids(jana)).toEqual([dueDonation, laterSeal]);
    expect((await listTaskQueue(jana, { ...all, view: "snoozed" }, NOW)).tasks).toMatchObject([{ id: overdueRoom, snoozedUntil: "2031-03-12", snoozeNote: "Rückruf am Mittwoch" }]);
    expect(await taskCounts(jana, NOW)).toMatchObject({ all: 2, snoozed: 1, overdue: 0 });
    // The navigation's number leaves the snoozed task out too, and has it back on its day.
    expect(await navTaskCount(jana, NOW)).toBe(2);
    expect(await navTaskCount(jana, new Date("2031-03-12T06:00:00.000Z"))).toBe(3);
    // The day before: still hidden; on the day: back, overdue, without the snooze.
    expect(await ids(jana, all, new Date("2031-03-11T22:00:00.000Z"))).not.toContain(overdueRoom);
    const back = await listTaskQueue(jana, all, new Date("2031-03-12T06:00:00.000Z"));
    expect(back.tasks[0]).toMatchObject({ id: overdueRoom, overdue: true, snoozedUntil: null, snoozeNote: null });
    // Woken by hand.
    await snoozeTask(jana, overdueRoom, null, null, NOW);
    expect(await ids(jana)).toContain(overdueRoom);
  });

  it("done by hand closes the task (manual); the daily job does not open it again", async () => {
    await completeTask(jana, dueDonation, NOW);
    const row = await db().selectFrom("task").selectAll().where("id", "=", dueDonation).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "done", closed_reason: "manual", closed_by: jana.userId, open_key: null });
    expect(await ids(jana)).not.toContain(dueDonation);
    // A closed task is not there for any action.
    await expect(assignTask(jana, dueDonation, jana.userId, NOW)).rejects.toMatchObject({ status: 404 });
    const spec = { recordId: "q2", href: "/office/x/q2", titleKey: "tasks:titles.offerReview", values: { category: "Spende heute" }, dueOn: TODAY };
    await transaction((trx) => reconcileKind(trx, "donation-offer-review", [spec], NOW));
    expect(await db().selectFrom("task").select("id").where("kind", "=", "donation-offer-review").where("record_id", "=", "q2").where("status", "=", "open").execute()).toEqual([]);
  });

  it("pages by 25", async () => {
    for (let i = 0; i < TASK_PAGE_SIZE + 3; i++) await task("volunteer-intake", `p${i}`, "2031-04-01");
    const first = await listTaskQueue(jana, { ...all, module: "volunteers" }, NOW);
    const second = await listTaskQueue(jana, { ...all, module: "volunteers", page: 2 }, NOW);
    expect(first).toMatchObject({ total: TASK_PAGE_SIZE + 3, pages: 2 });
    expect(first.tasks).toHaveLength(TASK_PAGE_SIZE);
    expect(second.tasks).toHaveLength(3);
    expect(new Set([...first.tasks, ...second.tasks].map((t) => t.id)).size).toBe(TASK_PAGE_SIZE + 3);
  });

  it("the navigation's number stops counting past the cap; the queue's counts stay exact", async () => {
    const before = (await taskCounts(jana, NOW)).all;
    expect(await navTaskCount(jana, NOW)).toBe(before);
    for (let i = 0; i < NAV_TASK_CAP + 5 - before; i++) await task("volunteer-intake", `cap${i}`, "2031-04-02");
    expect((await taskCounts(jana, NOW)).all).toBe(NAV_TASK_CAP + 5);
    expect(await navTaskCount(jana, NOW)).toBe(NAV_TASK_CAP + 1);
    // A volunteer or association member holds no task permission: nothing counted.
    expect(await navTaskCount(volunteer, NOW)).toBe(0);
    // Back to the file's own tasks for the tests below.
    await db().deleteFrom("task").where("open_key", "like", "volunteer-intake:cap%").execute();
    expect(await navTaskCount(jana, NOW)).toBe(before);
  });
});

describe("the page and its forms (no JavaScript)", () => {
  const post = (form: Record<string, string>, cookie = jana.cookie) => run(page.action, makeRequest("/office", { form, cookie }));

  it("renders the queue with filters and counts; assign-to-me, snooze and done post back to the same filter", async () => {
    const v = await createTestVolunteer(db(), { name: "Vera Wartend", status: "registered" });
    const id = await task("volunteer-intake", v.id, "2020-01-01", "Vera Wartend");
    const res = await run(page.loader, makeRequest("/office?view=overdue", { cookie: jana.cookie }));
    expect(res.status).toBe(200);
    expect(res.data.queue.tasks.map((t: { id: number }) => t.id)).toContain(id);
    expect(res.data.counts.overdue).toBeGreaterThan(0);

    // The lines share one form: the pressed button's value names the intent and the task.
    const assigned = await post({ line: `assign:${id}`, back: "/office?view=overdue" });
    expect(assigned).toMatchObject({ status: 302, location: "/office?view=overdue" });
    expect((await db().selectFrom("task").select("assignee_id").where("id", "=", id).executeTakeFirstOrThrow()).assignee_id).toBe(jana.userId);

    // A day in the past: the form comes back with the message next to the field and the note kept.
    const bad = await post({ intent: "snooze", taskId: String(id), until: "2020-01-01", note: "Notiz bleibt" });
    expect(bad.status).toBe(400);
    expect(bad.data.error.until).toEqual(["tasks:errors.snoozeInPast"]);
    expect(bad.data.initialValue.note).toBe("Notiz bleibt");

    // Only pages of /office are redirect targets.
    const done = await post({ line: `done:${id}`, back: "https://evil.example.org/" });
    expect(done).toMatchObject({ status: 302, location: "/office" });
    expect((await db().selectFrom("task").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("done");
  });

  it("a task's own page: assign to a colleague, snooze with a note (bad day: message, input kept), wake, done back to the queue's filter", async () => {
    const v = await createTestVolunteer(db(), { name: "Pia Seite", status: "registered" });
    const id = await task("volunteer-intake", v.id, "2099-01-01", "Pia Seite");
    const url = `/office/tasks/${id}?back=${encodeURIComponent("/office?view=mine")}`;
    const get = await run(taskPage.loader, makeRequest(url, { cookie: jana.cookie }), { id: String(id) });
    expect(get.status).toBe(200);
    expect(get.data).toMatchObject({ task: { id, module: "volunteers", values: { category: "Pia Seite" } }, back: "/office?view=mine" });
    expect(get.data.assignees.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(["Jana Musterfrau", "Konrad Admin"]));
    const postTo = (form: Record<string, string>, cookie = jana.cookie) => run(taskPage.action, makeRequest(url, { form: { taskId: String(id), back: "/office?view=mine", ...form }, cookie }), { id: String(id) });

    expect(await postTo({ intent: "assign", assignee: konrad.userId })).toMatchObject({ status: 302, location: url });
    expect((await db().selectFrom("task").select("assignee_id").where("id", "=", id).executeTakeFirstOrThrow()).assignee_id).toBe(konrad.userId);

    const bad = await postTo({ intent: "snooze", until: "2020-01-01", note: "Rückruf Freitag" });
    expect(bad.status).toBe(400);
    expect(bad.data.error.until).toEqual(["tasks:errors.snoozeInPast"]);
    expect(bad.data.initialValue.note).toBe("Rückruf Freitag");
    expect((await db().selectFrom("task").select("snoozed_until").where("id", "=", id).executeTakeFirstOrThrow()).snoozed_until).toBeNull();

    expect((await postTo({ intent: "snooze", until: "2098-06-01", note: "Rückruf Freitag" })).status).toBe(302);
    const snoozed = await run(taskPage.loader, makeRequest(url, { cookie: jana.cookie }), { id: String(id) });
    expect(snoozed.data.task).toMatchObject({ snoozedUntil: "2098-06-01", snoozeNote: "Rückruf Freitag" });
    expect((await postTo({ intent: "wake" })).status).toBe(302);
    expect((await db().selectFrom("task").select("snoozed_until").where("id", "=", id).executeTakeFirstOrThrow()).snoozed_until).toBeNull();

    // A form naming another task than the page's is refused; so is another role; done leads back.
    expect((await postTo({ intent: "done", taskId: String(laterSeal) })).status).toBe(400);
    expect((await postTo({ intent: "done" }, volunteer.cookie)).status).toBe(403);
    expect(await postTo({ intent: "done" })).toMatchObject({ status: 302, location: "/office?view=mine" });
    expect((await db().selectFrom("task").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("done");
    // Done: the page is gone (404), and an outside "back" never becomes the target.
    expect((await run(taskPage.loader, makeRequest(url, { cookie: jana.cookie }), { id: String(id) })).status).toBe(404);
    const other = await task("volunteer-intake", "pback", "2099-01-01");
    const evil = await run(taskPage.loader, makeRequest(`/office/tasks/${other}?back=${encodeURIComponent("https://evil.example.org/")}`, { cookie: jana.cookie }), { id: String(other) });
    expect(evil.data.back).toBe("/office");
  });

  it("switches the digest on and off", async () => {
    expect((await post({ intent: "digest", digest: "on" })).status).toBe(302);
    expect(await db().selectFrom("task_digest").select("user_id").where("user_id", "=", jana.userId).execute()).toHaveLength(1);
    expect((await post({ intent: "digest" })).status).toBe(302);
    expect(await db().selectFrom("task_digest").select("user_id").where("user_id", "=", jana.userId).execute()).toHaveLength(0);
  });
});

describe("authorisation", () => {
  it("only office roles see or work the queue", async () => {
    for (const w of [volunteer, member]) {
      expect((await run(page.loader, makeRequest("/office", { cookie: w.cookie }))).status).toBe(403);
      expect((await run(page.action, makeRequest("/office", { form: { intent: "done", taskId: String(laterSeal) }, cookie: w.cookie }))).status).toBe(403);
      await expect(listTaskQueue(w, all, NOW)).rejects.toMatchObject({ status: 403 });
    }
    expect((await run(page.loader, makeRequest("/office"))).status).toBe(302);
    expect(await db().selectFrom("task").select("status").where("id", "=", laterSeal).executeTakeFirstOrThrow()).toEqual({ status: "open" });
  });

  it("a task is visible only with the permission stored with it", async () => {
    // Office roles hold every task permission today; a task stored with another permission is
    // neither listed nor workable (404), for coordinators and admins alike.
    await db().updateTable("task").set({ permission: "manage:user:any" }).where("id", "=", laterSeal).execute();
    expect(await ids(jana)).not.toContain(laterSeal);
    expect(await ids(konrad)).not.toContain(laterSeal);
    await expect(completeTask(jana, laterSeal, NOW)).rejects.toMatchObject({ status: 404 });
  });
});
