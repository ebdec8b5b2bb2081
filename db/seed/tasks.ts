import type { Kysely } from "kysely";
import type { DB } from "../schema";
import { taskSources, type SourcedKind } from "../../app/modules/tasks/sources.server";
import { reconcileKind } from "../../app/modules/tasks/tasks.server";
import { addDaysToDay, berlinDay } from "../../app/utils/dates";

/**
 * The work queue of the demo (ADR 0036): the backfill over the seeded records (what the first daily
 * run does on an upgraded installation), then one task assigned to the demo coordinator, one snoozed
 * with a note, and the coordinator's digest switched on. The date-driven kinds come with the first
 * daily run of the server.
 */
export async function seedTasksDemo(db: Kysely<DB>, coordinatorEmail: string) {
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    for (const kind of Object.keys(taskSources) as SourcedKind[]) await reconcileKind(trx, kind, await taskSources[kind](trx, null, now), now);
    const coordinator = await trx.selectFrom("user").select("id").where("email", "=", coordinatorEmail).executeTakeFirstOrThrow();
    const open = await trx.selectFrom("task").select("id").where("status", "=", "open").orderBy("due_on").orderBy("id").limit(2).execute();
    const ts = now.toISOString();
    if (open[0]) await trx.updateTable("task").set({ assignee_id: coordinator.id, updated_at: ts }).where("id", "=", open[0].id).execute();
    if (open[1]) await trx.updateTable("task").set({ snoozed_until: addDaysToDay(berlinDay(now), 3), snooze_note: "Rückruf vereinbart (Demo)", updated_at: ts }).where("id", "=", open[1].id).execute();
    await trx.insertInto("task_digest").values({ user_id: coordinator.id, created_at: ts, last_sent_at: ts }).onConflict((oc) => oc.column("user_id").doNothing()).execute();
  });
}
