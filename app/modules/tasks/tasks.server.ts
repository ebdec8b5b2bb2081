import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import { TASK_KINDS, type TaskKind, type TaskSpec } from "./kinds";
import { taskSources, type SourcedKind } from "./sources.server";

/**
 * The API the modules call inside their own transaction (ADR 0036):
 * - `openTask(trx, …)` opens a task for a record, or refreshes the open one (idempotent: one open
 *   task per kind and record, through the unique `open_key`);
 * - `closeTasksFor(trx, kind, recordId)` closes it (reason `auto`: the work was done);
 * - `syncTasks(trx, kind, recordIds)` asks the kind's source which of these records need a task
 *   now and opens or closes accordingly: what the commands call after they changed a record, so the
 *   rule "when is there work" lives in one place per kind (`sources.server.ts`).
 */
export type { TaskSpec } from "./kinds";

const openKey = (kind: string, recordId: string) => `${kind}:${recordId}`;

export async function openTask(trx: Kysely<DB>, kind: TaskKind, spec: TaskSpec, now = new Date()): Promise<void> {
  const ts = now.toISOString();
  const def = TASK_KINDS[kind];
  const values = JSON.stringify(spec.values);
  await trx
    .insertInto("task")
    .values({
      module: def.module,
      kind,
      record_id: spec.recordId,
      permission: def.permission,
      href: spec.href,
      title_key: spec.titleKey,
      title_values: values,
      due_on: spec.dueOn,
      assignee_id: null,
      snoozed_until: null,
      snooze_note: null,
      closed_reason: null,
      closed_by: null,
      open_key: openKey(kind, spec.recordId),
      created_at: ts,
      updated_at: ts,
      closed_at: null,
    })
    .onConflict((oc) => oc.column("open_key").doUpdateSet({ href: spec.href, title_key: spec.titleKey, title_values: values, due_on: spec.dueOn }))
    .execute();
}

/** Closes the open task of this kind and record (if any): the underlying work was done. */
export async function closeTasksFor(trx: Kysely<DB>, kind: TaskKind, recordId: string | number, now = new Date()): Promise<number> {
  const ts = now.toISOString();
  const r = await trx
    .updateTable("task")
    .set({ status: "done", closed_reason: "auto", closed_at: ts, updated_at: ts, open_key: null })
    .where("open_key", "=", openKey(kind, String(recordId)))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Opens or closes the tasks of these records as the kind's source says (in the caller's transaction). */
export async function syncTasks(trx: Kysely<DB>, kind: SourcedKind, recordIds: Array<string | number>, now = new Date()): Promise<void> {
  if (!recordIds.length) return;
  const ids = [...new Set(recordIds.map(String))];
  const source = taskSources[kind];
  const specs = await source(trx, ids, now);
  const open = new Set(specs.map((s) => s.recordId));
  for (const spec of specs) await openTask(trx, kind, spec, now);
  for (const id of ids) if (!open.has(id)) await closeTasksFor(trx, kind, id, now);
}

/**
 * A whole kind against its source (the daily job; on the first run the backfill): opens what is
 * missing, refreshes titles and due days, closes what has no work any more. Returns the changes.
 */
export async function reconcileKind(trx: Kysely<DB>, kind: TaskKind, specs: TaskSpec[], now = new Date()): Promise<number> {
  const open = await trx.selectFrom("task").select("record_id").where("status", "=", "open").where("kind", "=", kind).execute();
  const had = new Set(open.map((r) => r.record_id));
  const wanted = new Set(specs.map((s) => s.recordId));
  // Marked done by hand: the daily job does not open it again (a command changing the record does).
  const manual = await trx.selectFrom("task").select("record_id").distinct().where("kind", "=", kind).where("closed_reason", "=", "manual").execute();
  const doneByHand = new Set(manual.map((r) => r.record_id));
  let changes = 0;
  for (const spec of specs) {
    if (!had.has(spec.recordId) && doneByHand.has(spec.recordId)) continue;
    await openTask(trx, kind, spec, now);
    if (!had.has(spec.recordId)) changes++;
  }
  for (const id of had) if (!wanted.has(id)) changes += await closeTasksFor(trx, kind, id, now);
  return changes;
}
