import type { DB } from "@db/schema";
import type { Kysely } from "kysely";
import { requirePermission, type Actor } from "~/auth/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { getDb, transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { logger } from "~/utils/logger.server";
import { effectiveCells, loadBatch, parseMapping, parseOptions } from "./batches.server";
import { ENTITY_OPS, handlerFor } from "./handlers.server";
import type { BatchInfo, Snapshot } from "./kind.server";
import { IMPORT_LIMITS } from "./limits";

type Clock = () => Date;

/**
 * Claims a batch for this process: a queued one, or a running one whose lease ran out (its
 * process ended: a restart) — that one resumes with the rows not yet done. False when another
 * process holds it or there is nothing to run.
 */
async function claim(batchId: number, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const lease = new Date(now.getTime() + IMPORT_LIMITS.leaseMs).toISOString();
  const db = getDb();
  const fresh = await db
    .updateTable("import_batch")
    .set((eb) => ({ status: "running", lease_until: lease, started_at: eb.fn.coalesce("started_at", eb.val(at)), updated_at: at }))
    .where("id", "=", batchId)
    .where("status", "=", "queued")
    .executeTakeFirst();
  if (Number(fresh.numUpdatedRows) === 1) return true;
  const resumed = await db
    .updateTable("import_batch")
    .set((eb) => ({ lease_until: lease, resumed_count: eb("resumed_count", "+", 1), updated_at: at }))
    .where("id", "=", batchId)
    .where("status", "=", "running")
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", at)]))
    .executeTakeFirst();
  return Number(resumed.numUpdatedRows) === 1;
}

/**
 * Runs (or resumes) one batch, a chunk per transaction: each chunk writes its records, the rows'
 * outcome and the batch's counts together, so a restart between chunks neither loses nor repeats
 * a row. `maxChunks` stops early (tests: the process "dies" in the middle).
 */
export async function runBatch(batchId: number, opts: { clock?: Clock; maxChunks?: number } = {}): Promise<"done" | "stopped" | "not-claimed"> {
  const clock = opts.clock ?? (() => new Date());
  if (!(await claim(batchId, clock()))) return "not-claimed";
  const db = getDb();
  const batch = await db.selectFrom("import_batch").selectAll().where("id", "=", batchId).executeTakeFirstOrThrow();
  const handler = handlerFor(batch.kind);
  const mapping = parseMapping(batch.mapping, batch.kind);
  const info: BatchInfo = { id: batch.id, createdBy: batch.created_by, options: parseOptions(batch.options) };
  const ctx = await handler.context(db);
  let chunks = 0;
  try {
    for (;;) {
      if (opts.maxChunks !== undefined && chunks >= opts.maxChunks) return "stopped";
      const now = clock();
      const rows = await db
        .selectFrom("import_row")
        .select(["row_no", "cells", "fixes", "plan", "decision", "target_id", "candidate_id"])
        .where("batch_id", "=", batchId)
        .where("state", "=", "pending")
        .where("row_no", ">", batch.header_row)
        .orderBy("row_no")
        .limit(IMPORT_LIMITS.chunk)
        .execute();
      if (!rows.length) break;
      await transaction(async (trx) => {
        const counts = { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
        const states: { rowNo: number; state: "created" | "updated" | "unchanged" | "skipped" | "failed"; outcome: string | null }[] = [];
        const toCreate: { rowNo: number; values: Parameters<typeof handler.create>[2][number]["values"] }[] = [];
        for (const r of rows) {
          const plan = r.plan === "duplicate" ? (r.decision === "create" ? "create" : r.decision === "update" ? "update" : "skip") : r.plan;
          if (plan === "empty" || plan === null) {
            states.push({ rowNo: r.row_no, state: "skipped", outcome: null });
            continue;
          }
          if (plan !== "create" && plan !== "update") {
            counts.skipped++;
            states.push({ rowNo: r.row_no, state: "skipped", outcome: plan === "error" ? "import:outcome.invalid" : "import:outcome.skipped" });
            continue;
          }
          // The rules again: master data may have changed since the dry run.
          const { values, errors } = handler.validate(effectiveCells(r.cells, r.fixes), mapping, ctx);
          if (Object.keys(errors).length) {
            counts.failed++;
            states.push({ rowNo: r.row_no, state: "failed", outcome: "import:outcome.invalid" });
            continue;
          }
          if (plan === "create") toCreate.push({ rowNo: r.row_no, values });
          else {
            const target = r.plan === "duplicate" ? r.candidate_id : r.target_id;
            const result = target ? await handler.update(trx, info, r.row_no, target, values, now, ctx) : "gone";
            if (result === "gone") {
              counts.failed++;
              states.push({ rowNo: r.row_no, state: "failed", outcome: "import:outcome.gone" });
            } else {
              counts[result]++;
              states.push({ rowNo: r.row_no, state: result, outcome: null });
            }
          }
        }
        const failed = await handler.create(trx, info, toCreate, now, ctx);
        for (const c of toCreate) {
          const why = failed.get(c.rowNo);
          if (why) {
            counts.failed++;
            states.push({ rowNo: c.rowNo, state: "failed", outcome: why });
          } else {
            counts.created++;
            states.push({ rowNo: c.rowNo, state: "created", outcome: null });
          }
        }
        const byState = new Map<string, number[]>();
        for (const s of states) {
          if (s.outcome && s.state !== "created") {
            await trx.updateTable("import_row").set({ state: s.state, outcome: s.outcome }).where("batch_id", "=", batchId).where("row_no", "=", s.rowNo).execute();
          } else {
            const key = s.state;
            (byState.get(key) ?? byState.set(key, []).get(key)!).push(s.rowNo);
          }
        }
        for (const [state, nos] of byState) {
          await trx.updateTable("import_row").set({ state: state as never }).where("batch_id", "=", batchId).where("row_no", "in", nos).execute();
        }
        await trx
          .updateTable("import_batch")
          .set((eb) => ({
            processed: eb("processed", "+", rows.length),
            created_count: eb("created_count", "+", counts.created),
            updated_count: eb("updated_count", "+", counts.updated),
            unchanged_count: eb("unchanged_count", "+", counts.unchanged),
            skipped_count: eb("skipped_count", "+", counts.skipped),
            failed_count: eb("failed_count", "+", counts.failed),
            lease_until: new Date(now.getTime() + IMPORT_LIMITS.leaseMs).toISOString(),
            updated_at: now.toISOString(),
          }))
          .where("id", "=", batchId)
          .execute();
      });
      chunks++;
    }
    const end = clock();
    await transaction(async (trx) => {
      await trx.updateTable("import_batch").set({ status: "done", lease_until: null, finished_at: end.toISOString(), updated_at: end.toISOString() }).where("id", "=", batchId).execute();
      const b = await trx.selectFrom("import_batch").select(["created_count", "updated_count", "unchanged_count", "skipped_count", "failed_count"]).where("id", "=", batchId).executeTakeFirstOrThrow();
      await recordAudit(trx, { actorUserId: batch.created_by, action: "import-run", entity: "import", entityId: batchId, details: { ...b }, now: end });
    });
    return "done";
  } catch (err) {
    logger.error("import run failed", { batchId, err });
    const at = clock().toISOString();
    await db.updateTable("import_batch").set({ status: "failed", error: "import:errors.runFailed", lease_until: null, updated_at: at }).where("id", "=", batchId).execute();
    return "stopped";
  }
}

/** Runs every batch that is queued or whose process ended in the middle (the background loop calls this). */
export async function runDueImports(clock: Clock = () => new Date()): Promise<number> {
  const at = clock().toISOString();
  const due = await getDb()
    .selectFrom("import_batch")
    .select("id")
    .where((eb) => eb.or([eb("status", "=", "queued"), eb.and([eb("status", "=", "running"), eb.or([eb("lease_until", "is", null), eb("lease_until", "<", at)])])]))
    .orderBy("id")
    .execute();
  let n = 0;
  for (const b of due) if ((await runBatch(b.id, { clock })) === "done") n++;
  return n;
}

type Blocker = { entityId: string; rowNo: number };
type Change = { id: number; row_no: number; entity: string; entity_id: string; op: "create" | "update"; before: string | null; after: string };

async function undoBlockers(trx: Kysely<DB>, batchId: number): Promise<{ changes: Change[]; blockers: Blocker[] }> {
  const changes = await trx.selectFrom("import_change").select(["id", "row_no", "entity", "entity_id", "op", "before", "after"]).where("batch_id", "=", batchId).orderBy("id").execute();
  const blockers: Blocker[] = [];
  const byEntity = new Map<string, Change[]>();
  for (const c of changes) (byEntity.get(c.entity) ?? byEntity.set(c.entity, []).get(c.entity)!).push(c);
  for (const [entity, list] of byEntity) {
    const ops = ENTITY_OPS[entity];
    const ids = [...new Set(list.map((c) => c.entity_id))];
    const current = new Map<string, Snapshot>();
    for (let i = 0; i < ids.length; i += IMPORT_LIMITS.chunk) for (const [k, v] of await ops.snapshot(trx, ids.slice(i, i + IMPORT_LIMITS.chunk))) current.set(k, v);
    // A later import (not undone) that touched the same record also counts as a change since.
    const later = new Set<string>();
    for (let i = 0; i < ids.length; i += IMPORT_LIMITS.chunk) {
      const rows = await trx
        .selectFrom("import_change as c")
        .innerJoin("import_batch as b", "b.id", "c.batch_id")
        .select("c.entity_id")
        .where("c.entity", "=", entity)
        .where("c.entity_id", "in", ids.slice(i, i + IMPORT_LIMITS.chunk))
        .where("c.batch_id", ">", batchId)
        .where("b.status", "!=", "undone")
        .execute();
      for (const r of rows) later.add(r.entity_id);
    }
    const created = [...new Set(list.filter((c) => c.op === "create").map((c) => c.entity_id))];
    const inUse = new Set<string>();
    for (let i = 0; i < created.length; i += IMPORT_LIMITS.chunk) for (const id of await ops.inUse(trx, created.slice(i, i + IMPORT_LIMITS.chunk))) inUse.add(id);
    for (const c of list) {
      const now = current.get(c.entity_id);
      const after = JSON.parse(c.after) as Snapshot;
      let changed = !now || later.has(c.entity_id) || Object.entries(after).some(([k, v]) => now[k] !== v);
      if (c.op === "create") changed ||= inUse.has(c.entity_id);
      if (changed) blockers.push({ entityId: c.entity_id, rowNo: c.row_no });
    }
  }
  return { changes, blockers };
}

/** The rows whose records changed since the import (undo is refused while there are any). */
export async function undoCheck(batchId: number): Promise<Blocker[]> {
  return (await undoBlockers(getDb(), batchId)).blockers;
}

/**
 * Undoes a finished batch in one transaction: created records are removed (imported volunteers
 * with their invitation, if not yet sent), updated fields get their old values back. Refused when
 * any record changed since (edited, the invitation accepted, consents given, a later import …).
 */
export async function undoBatch(actor: Actor, batchId: number, now = new Date()) {
  requirePermission(actor, "manage:import:any");
  await transaction(async (trx) => {
    const batch = await loadBatch(actor, batchId, trx);
    if (batch.status !== "done") throw new AppError("import:errors.notUndoable", 400);
    const { changes, blockers } = await undoBlockers(trx, batchId);
    if (blockers.length) throw new AppError("import:errors.changedSince", 400, undefined, { count: blockers.length });
    const at = now.toISOString();
    for (const c of [...changes].reverse()) {
      if (c.op === "update") await ENTITY_OPS[c.entity].write(trx, c.entity_id, JSON.parse(c.before ?? "{}") as Snapshot, at);
    }
    // Removed in the reverse order of creation: what hangs on a record (a household's needs) goes first.
    const entities = [...new Set(changes.filter((c) => c.op === "create").map((c) => c.entity))].reverse();
    for (const entity of entities) {
      const created = changes.filter((c) => c.op === "create" && c.entity === entity).map((c) => c.entity_id);
      for (let i = 0; i < created.length; i += IMPORT_LIMITS.chunk) await ENTITY_OPS[entity].remove(trx, created.slice(i, i + IMPORT_LIMITS.chunk));
    }
    await trx.deleteFrom("import_external_id").where("batch_id", "=", batchId).execute();
    await trx.updateTable("import_batch").set({ status: "undone", undone_at: at, updated_at: at }).where("id", "=", batchId).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "undo", entity: "import", entityId: batchId, details: { records: changes.length }, now });
  });
}
