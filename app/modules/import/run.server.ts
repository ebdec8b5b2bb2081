import type { DB } from "@db/schema";
import type { Kysely } from "kysely";
import { requirePermission, type Actor } from "~/auth/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { getDb, transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { logger } from "~/utils/logger.server";
import { effectiveCells, loadBatch, parseMapping } from "./batches.server";
import { IMPORT_LIMITS } from "./limits";
import { createVolunteers, NO_PASSWORD, snapshots, updateVolunteer, writeSnapshot, type NewVolunteer, type Snapshot } from "./volunteer-records.server";
import { loadReferences, validateVolunteerRow } from "./volunteer-rows.server";

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
  const mapping = parseMapping(batch.mapping);
  const refs = await loadReferences(db);
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
        const toCreate: NewVolunteer[] = [];
        const emails = new Set<string>();
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
          const { values, errors } = validateVolunteerRow(effectiveCells(r.cells, r.fixes), mapping, refs);
          if (Object.keys(errors).length) {
            counts.failed++;
            states.push({ rowNo: r.row_no, state: "failed", outcome: "import:outcome.invalid" });
            continue;
          }
          if (plan === "create") {
            if (values.email) emails.add(values.email);
            toCreate.push({ rowNo: r.row_no, values });
          } else {
            const target = r.plan === "duplicate" ? r.candidate_id : r.target_id;
            const result = target ? await updateVolunteer(trx, batchId, r.row_no, target, values, now) : "gone";
            if (result === "gone") {
              counts.failed++;
              states.push({ rowNo: r.row_no, state: "failed", outcome: "import:outcome.gone" });
            } else {
              counts[result]++;
              states.push({ rowNo: r.row_no, state: result, outcome: null });
            }
          }
        }
        // Someone may have registered with the address since the dry run.
        const taken = emails.size ? new Set((await trx.selectFrom("user").select("email").where("email", "in", [...emails]).execute()).map((u) => u.email)) : new Set<string>();
        const creatable = toCreate.filter((c) => !taken.has(c.values.email!));
        for (const c of toCreate) {
          if (taken.has(c.values.email!)) {
            counts.failed++;
            states.push({ rowNo: c.rowNo, state: "failed", outcome: "import:outcome.emailTaken" });
          }
        }
        await createVolunteers(trx, batchId, creatable, now);
        for (const c of creatable) {
          counts.created++;
          states.push({ rowNo: c.rowNo, state: "created", outcome: null });
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

async function undoBlockers(trx: Kysely<DB>, batchId: number): Promise<{ changes: { id: number; row_no: number; entity_id: string; op: "create" | "update"; before: string | null; after: string }[]; blockers: Blocker[] }> {
  const changes = await trx.selectFrom("import_change").select(["id", "row_no", "entity_id", "op", "before", "after"]).where("batch_id", "=", batchId).orderBy("id").execute();
  const blockers: Blocker[] = [];
  const ids = [...new Set(changes.map((c) => c.entity_id))];
  const current = new Map<string, Awaited<ReturnType<typeof snapshots>> extends Map<string, infer V> ? V : never>();
  for (let i = 0; i < ids.length; i += IMPORT_LIMITS.chunk) for (const [k, v] of await snapshots(trx, ids.slice(i, i + IMPORT_LIMITS.chunk))) current.set(k, v);
  // A later import (not undone) that touched the same person also counts as a change since.
  const later = new Set<string>();
  for (let i = 0; i < ids.length; i += IMPORT_LIMITS.chunk) {
    const rows = await trx
      .selectFrom("import_change as c")
      .innerJoin("import_batch as b", "b.id", "c.batch_id")
      .select("c.entity_id")
      .where("c.entity_id", "in", ids.slice(i, i + IMPORT_LIMITS.chunk))
      .where("c.batch_id", ">", batchId)
      .where("b.status", "!=", "undone")
      .execute();
    for (const r of rows) later.add(r.entity_id);
  }
  const consented = new Set<string>();
  const created = changes.filter((c) => c.op === "create").map((c) => c.entity_id);
  for (let i = 0; i < created.length; i += IMPORT_LIMITS.chunk) {
    const part = created.slice(i, i + IMPORT_LIMITS.chunk);
    // Consents given, or an assignment recorded: the person is in use.
    for (const r of await trx.selectFrom("consent_record").select("user_id").where("user_id", "in", part).execute()) consented.add(r.user_id);
    for (const r of await trx.selectFrom("assignment").select("volunteer_user_id as user_id").where("volunteer_user_id", "in", part).execute()) consented.add(r.user_id);
  }
  for (const c of changes) {
    const now = current.get(c.entity_id);
    const after = JSON.parse(c.after) as Partial<Snapshot>;
    let changed = !now || later.has(c.entity_id) || Object.entries(after).some(([k, v]) => (now as Record<string, unknown>)[k] !== v);
    if (c.op === "create" && now) changed ||= now.password_hash !== NO_PASSWORD || now.status !== "registered" || consented.has(c.entity_id);
    if (changed) blockers.push({ entityId: c.entity_id, rowNo: c.row_no });
  }
  return { changes, blockers };
}

/** The rows whose records changed since the import (undo is refused while there are any). */
export async function undoCheck(batchId: number): Promise<Blocker[]> {
  return (await undoBlockers(getDb(), batchId)).blockers;
}

/**
 * Undoes a finished batch in one transaction: created volunteers are removed (with their
 * invitation, if not yet sent), updated fields get their old values back. Refused when any record
 * changed since (edited, the invitation accepted, consents given, a later import).
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
      if (c.op === "update") await writeSnapshot(trx, c.entity_id, JSON.parse(c.before ?? "{}") as Partial<Snapshot>, at);
    }
    const created = changes.filter((c) => c.op === "create").map((c) => c.entity_id);
    for (let i = 0; i < created.length; i += IMPORT_LIMITS.chunk) {
      const ids = created.slice(i, i + IMPORT_LIMITS.chunk);
      const emails = (await trx.selectFrom("user").select("email").where("id", "in", ids).execute()).map((u) => u.email);
      if (emails.length) await trx.deleteFrom("outbox").where("template", "=", "import-invitation").where("status", "=", "pending").where("to_address", "in", emails).execute();
      for (const table of ["volunteer_language", "volunteer_skill", "volunteer_field", "volunteer_availability", "volunteer_status_history", "volunteer_profile", "email_token", "user_role", "session"] as const) {
        await trx.deleteFrom(table).where("user_id", "in", ids).execute();
      }
      await trx.deleteFrom("import_external_id").where("kind", "=", "volunteers").where("entity_id", "in", ids).execute();
      await trx.deleteFrom("user").where("id", "in", ids).execute();
    }
    await trx.deleteFrom("import_external_id").where("batch_id", "=", batchId).execute();
    await trx.updateTable("import_batch").set({ status: "undone", undone_at: at, updated_at: at }).where("id", "=", batchId).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "undo", entity: "import", entityId: batchId, details: { records: changes.length }, now });
  });
}
