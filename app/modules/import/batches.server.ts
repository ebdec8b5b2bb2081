import type { Kysely } from "kysely";
import type { DB, ImportPlan } from "@db/schema";
import { requirePermission, type Actor } from "~/auth/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { getDb, transaction } from "~/utils/db.server";
import { AppError, notFound } from "~/utils/errors";
import { FIELDS_BY_KIND, headerKey, mappingProblems, suggestMapping } from "./fields";
import { handlerFor } from "./handlers.server";
import { columnOf, type BatchOptions, type CellErrors } from "./kind.server";
import { IMPORT_LIMITS, type ImportKind } from "./limits";
import { parseUpload } from "./parse.server";

/** The cells of a row with the office's fixes applied. */
export function effectiveCells(cells: string, fixes: string | null): string[] {
  const out = JSON.parse(cells) as string[];
  if (fixes) for (const [col, v] of Object.entries(JSON.parse(fixes) as Record<string, string>)) out[Number(col)] = v;
  return out;
}

export function parseMapping(json: string | null, kind: ImportKind): (string | null)[] {
  if (!json) return [];
  const known = new Set<string>(FIELDS_BY_KIND[kind]);
  return (JSON.parse(json) as (string | null)[]).map((f) => (f && known.has(f) ? f : null));
}

export function parseOptions(json: string | null): BatchOptions {
  if (!json) return {};
  const o = JSON.parse(json) as BatchOptions;
  return { verified: o.verified === true };
}

/** A batch of the office (every office account sees every batch: the import is the office's shared work). */
export async function loadBatch(actor: Actor, id: number, db: Kysely<DB> = getDb()) {
  requirePermission(actor, "manage:import:any");
  const batch = await db.selectFrom("import_batch").selectAll().where("id", "=", id).executeTakeFirst();
  if (!batch) throw notFound();
  return batch;
}

export async function listBatches(actor: Actor) {
  requirePermission(actor, "manage:import:any");
  return getDb()
    .selectFrom("import_batch as b")
    .innerJoin("user as u", "u.id", "b.created_by")
    .select(["b.id", "b.kind", "b.status", "b.file_name", "b.row_count", "b.created_count", "b.updated_count", "b.skipped_count", "b.failed_count", "b.created_at", "u.name as created_by_name"])
    .orderBy("b.id", "desc")
    .limit(50)
    .execute();
}

/** The header row a sheet most likely has: the first of its first 20 rows with two or more values. */
export function guessHeaderRow(rows: readonly string[][]): number {
  const i = rows.slice(0, 20).findIndex((r) => r.filter((c) => c.trim() !== "").length >= 2);
  return i === -1 ? 1 : i + 1;
}

/** Reads the upload and keeps its rows as text with a new batch (step 1). */
export async function createBatch(actor: Actor, args: { kind: ImportKind; fileName: string; bytes: Uint8Array; sheet?: string; now?: Date }): Promise<number> {
  requirePermission(actor, "manage:import:any");
  const sheet = await parseUpload(args.bytes, args.fileName, args.sheet);
  const now = (args.now ?? new Date()).toISOString();
  return transaction(async (trx) => {
    const batch = await trx
      .insertInto("import_batch")
      .values({
        kind: args.kind,
        status: "uploaded",
        file_name: args.fileName.slice(0, 200),
        file_format: sheet.format,
        encoding: sheet.encoding,
        delimiter: sheet.delimiter,
        sheet_name: sheet.sheetName,
        sheet_names: sheet.sheetNames.length ? JSON.stringify(sheet.sheetNames) : null,
        header_row: guessHeaderRow(sheet.rows),
        column_count: sheet.rows[0]?.length ?? 0,
        mapping: null,
        row_count: sheet.rows.length,
        lease_until: null,
        error: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
        started_at: null,
        finished_at: null,
        undone_at: null,
        options: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (let i = 0; i < sheet.rows.length; i += IMPORT_LIMITS.chunk) {
      const part = sheet.rows.slice(i, i + IMPORT_LIMITS.chunk);
      await trx
        .insertInto("import_row")
        .values(part.map((cells, j) => ({ batch_id: batch.id, row_no: i + j + 1, cells: JSON.stringify(cells), fixes: null, plan: null, target_id: null, candidate_id: null, decision: null, errors: null, outcome: null })))
        .execute();
    }
    await recordAudit(trx, { actorUserId: actor.userId, action: "upload", entity: "import", entityId: batch.id, details: { rows: sheet.rows.length, format: sheet.format }, now: args.now });
    return batch.id;
  });
}

const EDITABLE = ["uploaded", "mapping", "review"] as const;
function requireEditable(batch: { status: string }) {
  if (!(EDITABLE as readonly string[]).includes(batch.status)) throw new AppError("import:errors.notEditable", 400);
}

/** The first rows, for the header step. */
export async function previewRows(batchId: number, limit = 15) {
  const rows = await getDb().selectFrom("import_row").select(["row_no", "cells"]).where("batch_id", "=", batchId).orderBy("row_no").limit(limit).execute();
  return rows.map((r) => ({ rowNo: r.row_no, cells: JSON.parse(r.cells) as string[] }));
}

/** Step 2: which row holds the headers. */
export async function setHeaderRow(actor: Actor, batchId: number, headerRow: number, now = new Date()) {
  await transaction(async (trx) => {
    const batch = await loadBatch(actor, batchId, trx);
    requireEditable(batch);
    if (headerRow < 1 || headerRow > Math.min(batch.row_count, 20)) throw new AppError("errors.invalidChoice", 400, "headerRow");
    await trx.updateTable("import_batch").set({ header_row: headerRow, status: "mapping", mapping: null, updated_at: now.toISOString() }).where("id", "=", batchId).execute();
  });
}

/** The mapping step's data: headers, a few sample values, the suggestion (remembered per kind first). */
export async function mappingView(batchId: number, headerRow: number, kind: ImportKind) {
  const db = getDb();
  const rows = await db.selectFrom("import_row").select(["row_no", "cells"]).where("batch_id", "=", batchId).where("row_no", ">=", headerRow).where("row_no", "<=", headerRow + 3).orderBy("row_no").execute();
  const headers = rows.length ? (JSON.parse(rows[0].cells) as string[]) : [];
  const samples = rows.slice(1).map((r) => JSON.parse(r.cells) as string[]);
  const remembered = new Map((await db.selectFrom("import_mapping").select(["header_key", "field"]).where("kind", "=", kind).execute()).map((r) => [r.header_key, r.field]));
  return { headers, samples, suggestion: suggestMapping(headers, remembered, kind) };
}

/** Step 3: the mapping; remembered for the kind, then every row is validated and planned. */
export async function saveMapping(actor: Actor, batchId: number, mapping: (string | null)[], now = new Date()) {
  const batch = await loadBatch(actor, batchId);
  requireEditable(batch);
  if (batch.status === "uploaded") throw new AppError("import:errors.notEditable", 400);
  const known = new Set<string>(FIELDS_BY_KIND[batch.kind]);
  const clean = Array.from({ length: batch.column_count }, (_, i) => {
    const f = mapping[i];
    return f && known.has(f) ? f : null;
  });
  const problems = mappingProblems(clean, batch.kind);
  if (problems.length) throw new AppError(problems[0], 400);
  const { headers } = await mappingView(batchId, batch.header_row, batch.kind);
  await transaction(async (trx) => {
    await trx.updateTable("import_batch").set({ mapping: JSON.stringify(clean), updated_at: now.toISOString() }).where("id", "=", batchId).execute();
    const seen = new Set<string>();
    for (let i = 0; i < headers.length; i++) {
      const key = headerKey(headers[i] ?? "");
      if (!key || seen.has(key)) continue;
      seen.add(key);
      const values = { kind: batch.kind, header_key: key, field: clean[i] ?? "", updated_by: actor.userId, updated_at: now.toISOString() };
      await trx
        .insertInto("import_mapping")
        .values(values)
        .onConflict((oc) => oc.columns(["kind", "header_key"]).doUpdateSet({ field: values.field, updated_by: values.updated_by, updated_at: values.updated_at }))
        .execute();
    }
  });
  await planBatch(batchId);
  await getDb().updateTable("import_batch").set({ status: "review", updated_at: now.toISOString() }).where("id", "=", batchId).where("status", "in", ["mapping", "review"]).execute();
}

const merge = (a: CellErrors, b: CellErrors) => {
  for (const [k, v] of Object.entries(b)) (a[k] ??= []).push(...v);
  return a;
};

/**
 * Validates and plans every row after the header (in chunks): errors per cell, and what the run
 * will do — create, update (matched firmly: stable id, e-mail, register number …), a possible
 * duplicate for the office to decide, or skip. The kind's handler knows its rules and keys.
 */
export async function planBatch(batchId: number) {
  const db = getDb();
  const batch = await db.selectFrom("import_batch").selectAll().where("id", "=", batchId).executeTakeFirstOrThrow();
  const handler = handlerFor(batch.kind);
  const mapping = parseMapping(batch.mapping, batch.kind);
  const ctx = await handler.context(db);
  const seen = new Set<string>();
  let after = batch.header_row;
  for (;;) {
    const rows = await db
      .selectFrom("import_row")
      .select(["row_no", "cells", "fixes", "decision"])
      .where("batch_id", "=", batchId)
      .where("row_no", ">", after)
      .orderBy("row_no")
      .limit(IMPORT_LIMITS.chunk)
      .execute();
    if (!rows.length) break;
    after = rows[rows.length - 1].row_no;
    const checked = rows.map((r) => {
      const cells = effectiveCells(r.cells, r.fixes);
      const blank = cells.every((c) => c.trim() === "");
      return { row: r, blank, ...handler.validate(cells, mapping, ctx) };
    });
    const matcher = await handler.match(db, checked.filter((c) => !c.blank).map((c) => c.values), ctx);
    const updates: { rowNo: number; plan: ImportPlan; target: string | null; candidate: string | null; errors: CellErrors | null; decision: string | null }[] = [];
    for (const c of checked) {
      const v = c.values;
      const errors = c.errors;
      let plan: ImportPlan;
      let target: string | null = null;
      let candidate: string | null = null;
      if (c.blank) plan = "empty";
      else {
        // The same record twice in the file: the second row says so at the field that repeats.
        const keys = handler.fileKeys(v);
        const twice = keys.find(([f, k]) => seen.has(`${f}|${k}`));
        if (twice) merge(errors, { [String(columnOf(mapping, twice[0]))]: ["import:errors.twiceInFile"] });
        for (const [f, k] of keys) seen.add(`${f}|${k}`);
        const match = matcher.firm(v);
        if (match?.error) merge(errors, { [String(match.error.field ? columnOf(mapping, match.error.field) : -1)]: [match.error.key] });
        const cand = !match ? matcher.candidate(v) : undefined;
        // What a new record needs is said at once, next to the other messages (not on a column that has one already).
        if (!match && (!cand || c.row.decision === "create")) {
          for (const [col, list] of Object.entries(handler.missingForCreate(v, mapping, ctx))) if (!errors[col]) errors[col] = list;
        }
        const updateTarget = match && !match.error ? match.id : cand && c.row.decision === "update" ? cand : undefined;
        if (updateTarget && handler.checkUpdate && !Object.keys(errors).length) merge(errors, await handler.checkUpdate(db, updateTarget, v, mapping));
        if (c.row.decision === "skip") plan = "skip";
        else if (Object.keys(errors).length) {
          plan = "error";
          candidate = cand ?? null;
        } else if (match) {
          plan = "update";
          target = match.id;
        } else if (cand) {
          plan = "duplicate";
          candidate = cand;
        } else plan = "create";
      }
      const keepDecision = plan === "duplicate" || plan === "skip" || (plan === "error" && candidate !== null) ? c.row.decision : null;
      updates.push({ rowNo: c.row.row_no, plan, target, candidate, errors: Object.keys(errors).length ? errors : null, decision: keepDecision });
    }
    // Rows with the same plan and nothing of their own (the usual "create") are written together.
    const plain = new Map<string, number[]>();
    const own = updates.filter((u) => {
      if (u.target || u.candidate || u.errors || u.decision) return true;
      (plain.get(u.plan) ?? plain.set(u.plan, []).get(u.plan)!).push(u.rowNo);
      return false;
    });
    await transaction(async (trx) => {
      for (const [plan, rowNos] of plain) {
        await trx
          .updateTable("import_row")
          .set({ plan: plan as ImportPlan, target_id: null, candidate_id: null, errors: null, decision: null })
          .where("batch_id", "=", batchId)
          .where("row_no", "in", rowNos)
          .execute();
      }
      for (const u of own) {
        await trx
          .updateTable("import_row")
          .set({ plan: u.plan, target_id: u.target, candidate_id: u.candidate, errors: u.errors ? JSON.stringify(u.errors) : null, decision: u.decision as never })
          .where("batch_id", "=", batchId)
          .where("row_no", "=", u.rowNo)
          .execute();
      }
    });
  }
}

export type DryRun = { create: number; update: number; duplicates: number; undecided: number; errors: number; skip: number; empty: number };

/** The dry run: what confirming would do, from the stored plan (duplicates counted by the office's decision). */
export async function dryRun(batchId: number): Promise<DryRun> {
  const rows = await getDb()
    .selectFrom("import_row")
    .select(["plan", "decision", (eb) => eb.fn.countAll<number>().as("n")])
    .where("batch_id", "=", batchId)
    .where("plan", "is not", null)
    .groupBy(["plan", "decision"])
    .execute();
  const out: DryRun = { create: 0, update: 0, duplicates: 0, undecided: 0, errors: 0, skip: 0, empty: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    if (r.plan === "create") out.create += n;
    else if (r.plan === "update") out.update += n;
    else if (r.plan === "error") out.errors += n;
    else if (r.plan === "skip") out.skip += n;
    else if (r.plan === "empty") out.empty += n;
    else if (r.plan === "duplicate") {
      out.duplicates += n;
      if (r.decision === "create") out.create += n;
      else if (r.decision === "update") out.update += n;
      else if (r.decision === "skip") out.skip += n;
      else out.undecided += n;
    }
  }
  return out;
}

export const PAGE_SIZE = 25;

/** Rows of one plan (errors or duplicates), a page at a time, with the existing record a possible duplicate resembles. */
export async function rowsOfPlan(batchId: number, kind: ImportKind, plans: ImportPlan[], page: number, lang = "de") {
  const db = getDb();
  const rows = await db
    .selectFrom("import_row as r")
    .select(["r.row_no", "r.cells", "r.fixes", "r.plan", "r.errors", "r.decision", "r.candidate_id"])
    .where("r.batch_id", "=", batchId)
    .where("r.plan", "in", plans)
    .orderBy("r.row_no")
    .limit(PAGE_SIZE)
    .offset(Math.max(0, page - 1) * PAGE_SIZE)
    .execute();
  const ids = [...new Set(rows.map((r) => r.candidate_id).filter((x): x is string => !!x))];
  const described = ids.length ? await handlerFor(kind).describe(db, ids, lang) : new Map<string, { name: string; detail: string }>();
  return rows.map((r) => ({
    rowNo: r.row_no,
    cells: effectiveCells(r.cells, r.fixes),
    plan: r.plan,
    errors: r.errors ? (JSON.parse(r.errors) as CellErrors) : {},
    decision: r.decision,
    candidateId: r.candidate_id,
    candidate: r.candidate_id ? (described.get(r.candidate_id) ?? null) : null,
  }));
}

/** The existing records the review page shows are views of personal data where the kind holds some. */
export async function recordReviewViews(actor: Actor, kind: ImportKind, ids: string[]) {
  const h = handlerFor(kind);
  if (h.recordViews && ids.length) await h.recordViews(actor, ids);
}

async function rowOf(trx: Kysely<DB>, batchId: number, rowNo: number) {
  const row = await trx.selectFrom("import_row").select(["row_no", "cells", "fixes", "plan"]).where("batch_id", "=", batchId).where("row_no", "=", rowNo).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** A fixed row: the office's values for some cells (a cell left blank stays blank: no value). */
export async function fixRow(actor: Actor, batchId: number, rowNo: number, cells: Record<number, string>, now = new Date()) {
  await transaction(async (trx) => {
    const batch = await loadBatch(actor, batchId, trx);
    if (batch.status !== "review") throw new AppError("import:errors.notEditable", 400);
    const row = await rowOf(trx, batchId, rowNo);
    if (rowNo <= batch.header_row) throw notFound();
    const fixes = row.fixes ? (JSON.parse(row.fixes) as Record<string, string>) : {};
    for (const [col, v] of Object.entries(cells)) {
      if (Number(col) < 0 || Number(col) >= batch.column_count) continue;
      fixes[col] = v;
    }
    await trx.updateTable("import_row").set({ fixes: JSON.stringify(fixes), decision: null }).where("batch_id", "=", batchId).where("row_no", "=", rowNo).execute();
    await trx.updateTable("import_batch").set({ updated_at: now.toISOString() }).where("id", "=", batchId).execute();
  });
  await planBatch(batchId);
}

/** The office's decision on a row: skip it, or for a possible duplicate update that person / create a new one. */
export async function decideRow(actor: Actor, batchId: number, rowNo: number, decision: "create" | "update" | "skip" | "include", now = new Date()) {
  await transaction(async (trx) => {
    const batch = await loadBatch(actor, batchId, trx);
    if (batch.status !== "review") throw new AppError("import:errors.notEditable", 400);
    const row = await rowOf(trx, batchId, rowNo);
    if (rowNo <= batch.header_row || row.plan === "empty") throw notFound();
    const candidate = await trx.selectFrom("import_row").select("candidate_id").where("batch_id", "=", batchId).where("row_no", "=", rowNo).executeTakeFirstOrThrow();
    if ((decision === "create" || decision === "update") && !candidate.candidate_id) throw new AppError("errors.invalidChoice", 400, "decision");
    await trx
      .updateTable("import_row")
      .set({ decision: decision === "include" ? null : decision })
      .where("batch_id", "=", batchId)
      .where("row_no", "=", rowNo)
      .execute();
    await trx.updateTable("import_batch").set({ updated_at: now.toISOString() }).where("id", "=", batchId).execute();
  });
  await planBatch(batchId);
}

/** Back to an earlier step (the stored rows stay). */
export async function backTo(actor: Actor, batchId: number, step: "header" | "mapping", now = new Date()) {
  await transaction(async (trx) => {
    const batch = await loadBatch(actor, batchId, trx);
    requireEditable(batch);
    await trx.updateTable("import_batch").set({ status: step === "header" ? "uploaded" : "mapping", updated_at: now.toISOString() }).where("id", "=", batchId).execute();
  });
}

/** Confirm: the batch is queued for the background run. */
export async function confirmBatch(actor: Actor, batchId: number, now = new Date()) {
  await transaction(async (trx) => {
    const batch = await loadBatch(actor, batchId, trx);
    if (batch.status !== "review") throw new AppError("import:errors.notEditable", 400);
    const r = await trx
      .updateTable("import_batch")
      .set({ status: "queued", updated_at: now.toISOString() })
      .where("id", "=", batchId)
      .where("status", "=", "review")
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError("import:errors.notEditable", 400);
    await recordAudit(trx, { actorUserId: actor.userId, action: "confirm", entity: "import", entityId: batchId, now });
  });
}

/** The office's choices in the dry run (e.g. imported associations are already verified). */
export async function setOptions(actor: Actor, batchId: number, options: BatchOptions, now = new Date()) {
  await transaction(async (trx) => {
    const batch = await loadBatch(actor, batchId, trx);
    if (batch.status !== "review") throw new AppError("import:errors.notEditable", 400);
    const clean: BatchOptions = batch.kind === "organisations" ? { verified: options.verified === true } : {};
    await trx.updateTable("import_batch").set({ options: JSON.stringify(clean), updated_at: now.toISOString() }).where("id", "=", batchId).execute();
  });
}

/** Cancel before the run: the batch and its stored rows (personal data) are deleted. */
export async function cancelBatch(actor: Actor, batchId: number, now = new Date()) {
  await transaction(async (trx) => {
    const batch = await loadBatch(actor, batchId, trx);
    requireEditable(batch);
    await trx.deleteFrom("import_row").where("batch_id", "=", batchId).execute();
    await trx.updateTable("import_batch").set({ status: "cancelled", updated_at: now.toISOString() }).where("id", "=", batchId).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "cancel", entity: "import", entityId: batchId, now });
  });
}

/** A failed run (or one whose process ended) is queued again; it resumes with the rows not yet done. */
export async function resumeBatch(actor: Actor, batchId: number, now = new Date()) {
  await transaction(async (trx) => {
    const batch = await loadBatch(actor, batchId, trx);
    if (batch.status !== "failed") throw new AppError("import:errors.notEditable", 400);
    await trx.updateTable("import_batch").set({ status: "queued", error: null, lease_until: null, updated_at: now.toISOString() }).where("id", "=", batchId).execute();
  });
}

/** The report: rows not imported, with why. */
export async function reportRows(batchId: number, page: number) {
  const rows = await getDb()
    .selectFrom("import_row")
    .select(["row_no", "state", "outcome", "plan", "errors"])
    .where("batch_id", "=", batchId)
    .where("state", "in", ["skipped", "failed"])
    .where("plan", "!=", "empty")
    .orderBy("row_no")
    .limit(PAGE_SIZE)
    .offset(Math.max(0, page - 1) * PAGE_SIZE)
    .execute();
  return rows.map((r) => ({ rowNo: r.row_no, state: r.state, outcome: r.outcome ?? (r.plan === "error" ? "import:outcome.invalid" : "import:outcome.skipped") }));
}
