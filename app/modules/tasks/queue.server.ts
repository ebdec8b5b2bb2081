import { sql, type Kysely } from "kysely";
import type { DB, Role } from "@db/schema";
import { permissionsOf, requirePermission, ROLE_PERMISSIONS, type Actor, type Permission } from "~/auth/permissions";
import { berlinDay } from "~/utils/dates";
import { getDb, transaction } from "~/utils/db.server";
import { AppError, notFound } from "~/utils/errors";
import { NAV_TASK_CAP, TASK_MODULES, TASK_PAGE_SIZE, TASK_PERMISSIONS, type TaskModule, type TaskView } from "./kinds";
import { derived } from "~/utils/derived-cache.server";

/**
 * The office work queue (ADR 0036): the open tasks an office member may work on (by the permission
 * stored with each task), paged by due day, with the filters mine / unassigned / module / overdue /
 * snoozed and the counts for the queue's navigation. Snoozed tasks are hidden until their day.
 */
export type TaskFilters = { view: TaskView; module: TaskModule | null; page: number };

/** The roles that work the queue: every role holding `work:task:any`. */
const OFFICE_ROLES = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes("work:task:any"));

/** The task permissions `who` holds (an actor, or an account's roles for the digest job). */
export function visiblePermissions(who: Pick<Actor, "roles">): Permission[] {
  const held = permissionsOf(who);
  return TASK_PERMISSIONS.filter((p) => held.has(p));
}

function visible(db: Kysely<DB>, perms: Permission[]) {
  // An actor with none of the permissions sees nothing (`in ()` is not valid SQL).
  return db
    .selectFrom("task as t")
    .where("t.status", "=", "open")
    .where("t.permission", "in", perms.length ? perms : ["-"]);
}

/** What a queue line and a task's page show of a task. */
const TASK_COLUMNS = ["t.id", "t.module", "t.kind", "t.href", "t.title_key", "t.title_values", "t.due_on", "t.assignee_id", "u.name as assignee_name", "t.snoozed_until", "t.snooze_note"] as const;
type TaskRow = {
  id: number;
  module: string;
  kind: string;
  href: string;
  title_key: string;
  title_values: string;
  due_on: string;
  assignee_id: string | null;
  assignee_name: string | null;
  snoozed_until: string | null;
  snooze_note: string | null;
};
function taskOf(r: TaskRow, today: string) {
  const snoozed = !!r.snoozed_until && r.snoozed_until > today;
  return {
    id: r.id,
    module: r.module as TaskModule,
    kind: r.kind,
    href: r.href,
    titleKey: r.title_key,
    values: JSON.parse(r.title_values) as Record<string, string | number>,
    dueOn: r.due_on,
    overdue: r.due_on < today,
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? "" } : null,
    snoozedUntil: snoozed ? r.snoozed_until : null,
    snoozeNote: snoozed ? r.snooze_note : null,
  };
}

export async function listTaskQueue(actor: Actor, f: TaskFilters, now = new Date(), counts?: TaskCounts) {
  requirePermission(actor, "work:task:any");
  const db = getDb();
  const today = berlinDay(now);
  const perms = visiblePermissions(actor);
  let q = visible(db, perms);
  if (f.view === "snoozed") q = q.where("t.snoozed_until", ">", today);
  else q = q.where((eb) => eb.or([eb("t.snoozed_until", "is", null), eb("t.snoozed_until", "<=", today)]));
  if (f.view === "mine") q = q.where("t.assignee_id", "=", actor.userId);
  if (f.view === "unassigned") q = q.where("t.assignee_id", "is", null);
  if (f.view === "overdue") q = q.where("t.due_on", "<", today);
  if (f.module) q = q.where("t.module", "=", f.module);
  // The total comes from the filters' counts (the page passes the ones it shows anyway).
  const [rows, all] = await Promise.all([
    q
      .leftJoin("user as u", "u.id", "t.assignee_id")
      .select(TASK_COLUMNS)
      .orderBy("t.due_on")
      .orderBy("t.id")
      .limit(TASK_PAGE_SIZE)
      .offset((f.page - 1) * TASK_PAGE_SIZE)
      .execute(),
    counts ?? taskCounts(actor, now),
  ]);
  const total = countOf(all, f);
  return {
    today,
    total,
    page: f.page,
    pages: Math.max(1, Math.ceil(total / TASK_PAGE_SIZE)),
    tasks: rows.map((r) => taskOf(r, today)),
  };
}

type ViewCounts = Record<TaskView, number>;
/** The count of each view, over all modules and per module; `modules` is the "all" view per module (the filter links). */
export type TaskCounts = ViewCounts & { modules: Record<TaskModule, number>; byModule: Record<TaskModule, ViewCounts> };

type SharedRow = { module: string; all: number; unassigned: number; overdue: number; total: number };

/**
 * The counts that every office member holding the same task permissions shares (all views but
 * "mine"), per module: one pass over the open tasks, grouped by permission and module in the order
 * of `task_counts_idx` (index only). Kept as derived data under the scope "tasks", which every write
 * to `task` bumps in its transaction (ADR 0049), and per Berlin day (snoozes end and tasks fall due
 * by the day): at county scale the pass costs 2 ms, on every view of the queue.
 */
function sharedCounts(perms: Permission[], today: string): Promise<SharedRow[]> {
  return derived(`tasks:counts:${today}:${perms.join(",")}`, ["tasks"], async () => {
    const awake = sql<number>`case when t.snoozed_until is null or t.snoozed_until <= ${today} then 1 else 0 end`;
    const rows = await visible(getDb(), perms)
      .select((eb) => [
        "t.module",
        eb.fn.sum<number>(awake).as("all"),
        eb.fn.sum<number>(sql`case when (t.snoozed_until is null or t.snoozed_until <= ${today}) and t.assignee_id is null then 1 else 0 end`).as("unassigned"),
        eb.fn.sum<number>(sql`case when (t.snoozed_until is null or t.snoozed_until <= ${today}) and t.due_on < ${today} then 1 else 0 end`).as("overdue"),
        eb.fn.countAll<number>().as("total"),
      ])
      .groupBy(["t.permission", "t.module"])
      .execute();
    return rows.map((r) => ({ module: r.module, all: Number(r.all), unassigned: Number(r.unassigned), overdue: Number(r.overdue), total: Number(r.total) }));
  });
}

const zero = (): ViewCounts => ({ all: 0, mine: 0, unassigned: 0, overdue: 0, snoozed: 0 });

/**
 * The numbers for the queue's filters: the shared counts (cached, above) and the actor's own awake
 * tasks per module (few rows, through `task_assignee_idx`; not cached, as they are the actor's).
 */
export async function taskCounts(actor: Actor, now = new Date()): Promise<TaskCounts> {
  const today = berlinDay(now);
  const perms = visiblePermissions(actor);
  const [shared, mine] = await Promise.all([
    sharedCounts(perms, today),
    // Not through `visible`: with the permission list in the query, SQLite walked
    // `task_counts_idx` over every open task (10 ms at county scale) instead of the actor's own
    // entries in `task_assignee_idx`; the permission is checked on the few rows in code.
    getDb()
      .selectFrom("task as t")
      .where("t.status", "=", "open")
      .where("t.assignee_id", "=", actor.userId)
      .where((eb) => eb.or([eb("t.snoozed_until", "is", null), eb("t.snoozed_until", "<=", today)]))
      .select((eb) => ["t.module", "t.permission", eb.fn.countAll<number>().as("n")])
      .groupBy(["t.module", "t.permission"])
      .execute()
      .then((rows) => rows.filter((r) => perms.includes(r.permission as Permission))),
  ]);
  const byModule = Object.fromEntries(TASK_MODULES.map((m) => [m, zero()])) as Record<TaskModule, ViewCounts>;
  const out: TaskCounts = { ...zero(), modules: Object.fromEntries(TASK_MODULES.map((m) => [m, 0])) as Record<TaskModule, number>, byModule };
  const add = (module: string, view: TaskView, n: number) => {
    out[view] += n;
    if (module in byModule) byModule[module as TaskModule][view] += n;
  };
  for (const r of shared) {
    add(r.module, "all", r.all);
    add(r.module, "unassigned", r.unassigned);
    add(r.module, "overdue", r.overdue);
    add(r.module, "snoozed", r.total - r.all);
  }
  for (const r of mine) add(r.module, "mine", Number(r.n));
  for (const m of TASK_MODULES) out.modules[m] = byModule[m].all;
  return out;
}

/** How many tasks a filter lists (the pager's total). */
export function countOf(counts: TaskCounts, f: Pick<TaskFilters, "view" | "module">): number {
  return f.module ? counts.byModule[f.module][f.view] : counts[f.view];
}

/**
 * The number beside the queue's entry in the navigation, on every office page: the actor's awake
 * open tasks, counted up to `NAV_TASK_CAP + 1`. The count reads at most that many entries of
 * `task_counts_idx` however long the queue is; the full counts (`taskCounts`, one pass over every
 * open task: 1.8 ms at county scale, 6,000 open tasks) are for the queue page only (docs/benchmarks.md,
 * "Stop 15"). Kept as derived data under the scope "tasks" per Berlin day and permission set, as the
 * queue's counts are: an office page then asks only for the scope's version, which concurrent
 * requests share, instead of counting (on PostgreSQL the count was planned anew on every page:
 * 0.2–0.5 ms of the backend's CPU; ADR 0054).
 */
export async function navTaskCount(actor: Actor, now = new Date()): Promise<number> {
  const today = berlinDay(now);
  const perms = visiblePermissions(actor);
  return derived(`tasks:nav:${today}:${perms.join(",")}`, ["tasks"], async () => {
    const db = getDb();
    const awake = visible(db, perms)
      .select(sql<number>`1`.as("one"))
      .where((eb) => eb.or([eb("t.snoozed_until", "is", null), eb("t.snoozed_until", "<=", today)]))
      .limit(NAV_TASK_CAP + 1);
    const row = await db
      .selectFrom(awake.as("a"))
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  });
}

/** The office members a task can be assigned to (active accounts with a role that works the queue). */
export async function listTaskAssignees(db: Kysely<DB> = getDb()) {
  return db
    .selectFrom("user as u")
    .select(["u.id", "u.name"])
    .where("u.disabled_at", "is", null)
    // From the roles (`user_role_role_idx`), not from every account.
    .where("u.id", "in", (eb) => eb.selectFrom("user_role as r").select("r.user_id").where("r.role", "in", OFFICE_ROLES))
    .orderBy("u.name")
    .orderBy("u.id")
    .execute();
}

/** One open task the actor may work, as the queue shows it (its own page: assign to, snooze); otherwise 404. */
export async function getTask(actor: Actor, id: number, now = new Date()) {
  requirePermission(actor, "work:task:any");
  const today = berlinDay(now);
  const r = await visible(getDb(), visiblePermissions(actor)).leftJoin("user as u", "u.id", "t.assignee_id").select(TASK_COLUMNS).where("t.id", "=", id).executeTakeFirst();
  if (!r) throw notFound();
  return taskOf(r, today);
}

/** A work-queue form's command (the queue and a task's page post the same intents); returns the flash key. */
export async function runTaskIntent(
  actor: Actor,
  v: { intent: "assign"; taskId: number; assignee?: string } | { intent: "snooze"; taskId: number; until: string; note?: string | null } | { intent: "wake" | "done"; taskId: number },
): Promise<string> {
  if (v.intent === "assign") {
    await assignTask(actor, v.taskId, v.assignee === "me" ? actor.userId : (v.assignee ?? null));
    return v.assignee ? "tasks:flash.assigned" : "tasks:flash.unassigned";
  }
  if (v.intent === "snooze") {
    await snoozeTask(actor, v.taskId, v.until, v.note ?? null);
    return "tasks:flash.snoozed";
  }
  if (v.intent === "wake") {
    await snoozeTask(actor, v.taskId, null, null);
    return "tasks:flash.woken";
  }
  await completeTask(actor, v.taskId);
  return "tasks:flash.done";
}

/** The open task, if the actor may work it; otherwise 404 (a closed or foreign task is not there). */
async function loadOpenTask(trx: Kysely<DB>, actor: Actor, id: number) {
  requirePermission(actor, "work:task:any");
  const task = await visible(trx, visiblePermissions(actor)).select(["t.id", "t.kind", "t.record_id"]).where("t.id", "=", id).executeTakeFirst();
  if (!task) throw notFound();
  return task;
}

export async function assignTask(actor: Actor, id: number, assigneeId: string | null, now = new Date()) {
  return transaction(async (trx) => {
    await loadOpenTask(trx, actor, id);
    if (assigneeId && !(await listTaskAssignees(trx)).some((u) => u.id === assigneeId)) throw new AppError("errors.invalidChoice", 400, "assignee");
    await trx.updateTable("task").set({ assignee_id: assigneeId, updated_at: now.toISOString() }).where("id", "=", id).execute();
  });
}

export async function snoozeTask(actor: Actor, id: number, until: string | null, note: string | null, now = new Date()) {
  return transaction(async (trx) => {
    await loadOpenTask(trx, actor, id);
    if (until && until <= berlinDay(now)) throw new AppError("tasks:errors.snoozeInPast", 400, "until");
    await trx
      .updateTable("task")
      .set({ snoozed_until: until, snooze_note: until ? note : null, updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
  });
}

/** Done by hand: closed with reason `manual`; a later change of the record may open a new task. */
export async function completeTask(actor: Actor, id: number, now = new Date()) {
  return transaction(async (trx) => {
    await loadOpenTask(trx, actor, id);
    const ts = now.toISOString();
    await trx.updateTable("task").set({ status: "done", closed_reason: "manual", closed_by: actor.userId, closed_at: ts, updated_at: ts, open_key: null }).where("id", "=", id).execute();
  });
}

export async function getTaskDigest(actor: Actor): Promise<boolean> {
  requirePermission(actor, "work:task:any");
  return !!(await getDb().selectFrom("task_digest").select("user_id").where("user_id", "=", actor.userId).executeTakeFirst());
}

export async function setTaskDigest(actor: Actor, on: boolean, now = new Date()) {
  requirePermission(actor, "work:task:any");
  return transaction(async (trx) => {
    if (on) await trx.insertInto("task_digest").values({ user_id: actor.userId, created_at: now.toISOString(), last_sent_at: now.toISOString() }).onConflict((oc) => oc.column("user_id").doNothing()).execute();
    else await trx.deleteFrom("task_digest").where("user_id", "=", actor.userId).execute();
  });
}
