import type { Insertable, Kysely } from "kysely";
import type { DB, TaskTable } from "../../../db/schema";
import { TASK_KINDS, type TaskKind } from "../../../app/modules/tasks/kinds";
import { listTaskQueue, taskCounts } from "../../../app/modules/tasks/queue.server";
import type { Actor } from "../../../app/auth/permissions";
import { addDaysToDay, berlinDay } from "../../../app/utils/dates";
import { chunks, int, pick } from "../random";
import type { BenchContext, BenchModule, BenchRoute } from "../types";

const OPEN = 6_000;
const CLOSED = 24_000;

/**
 * The office work queue (issue #16, ADR 0036) at county scale: 6,000 open tasks over every kind
 * (due days from two months ago to two months ahead, a third assigned, one in twenty snoozed) and
 * 24,000 closed ones (kept 90 days). Goal: under 20 ms server time per page of the queue.
 */
export const tasksBench: BenchModule = {
  name: "tasks",
  requiresTables: ["task", "task_digest"],
  async generate(db: Kysely<DB>, ctx: BenchContext) {
    const at = ctx.now.toISOString();
    const today = berlinDay(ctx.now);
    const staff = (await db.selectFrom("user_role").select("user_id").where("role", "in", ["coordinator", "admin"]).execute()).map((r) => r.user_id);
    const kinds = Object.keys(TASK_KINDS) as TaskKind[];
    const rows: Insertable<TaskTable>[] = [];
    for (let i = 0; i < OPEN + CLOSED; i++) {
      const kind = pick(ctx.random, kinds);
      const open = i < OPEN;
      const recordId = String(100_000 + i);
      rows.push({
        module: TASK_KINDS[kind].module,
        kind,
        record_id: recordId,
        permission: TASK_KINDS[kind].permission,
        href: `/office/bench/${recordId}`,
        title_key: "tasks:titles.offerReview",
        title_values: JSON.stringify({ category: `Bench ${i}` }),
        due_on: addDaysToDay(today, int(ctx.random, -60, 60)),
        assignee_id: staff.length && ctx.random() < 0.33 ? pick(ctx.random, staff) : null,
        snoozed_until: open && ctx.random() < 0.05 ? addDaysToDay(today, int(ctx.random, 1, 20)) : null,
        snooze_note: null,
        status: open ? "open" : "done",
        closed_reason: open ? null : ctx.random() < 0.8 ? "auto" : "manual",
        closed_by: null,
        open_key: open ? `${kind}:${recordId}` : null,
        created_at: at,
        updated_at: at,
        closed_at: open ? null : at,
      });
    }
    await db.transaction().execute(async (trx) => {
      for (const c of chunks(rows, 500)) await trx.insertInto("task").values(c).execute();
    });
  },
  routes(): BenchRoute[] {
    return [
      { name: "task queue", path: "/office", role: "coordinator" },
      { name: "task queue: overdue rooms", path: "/office?view=overdue&module=rooms", role: "coordinator" },
      { name: "task queue: page 40", path: "/office?page=40", role: "coordinator" },
    ];
  },
  timings() {
    // why: the queries of one page without HTTP; the coordinator's permissions are what matter.
    const actor: Actor = { userId: "bench-coordinator", email: "", name: "Bench", locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] };
    return [
      { name: "task queue page + counts", run: () => Promise.all([listTaskQueue(actor, { view: "all", module: null, page: 1 }), taskCounts(actor)]), goal: { maxMs: 20, source: "issue 16" } },
      { name: "task queue: unassigned in coverage, page 5", run: () => Promise.all([listTaskQueue(actor, { view: "unassigned", module: "coverage", page: 5 }), taskCounts(actor)]), goal: { maxMs: 20, source: "issue 16" } },
    ];
  },
};
