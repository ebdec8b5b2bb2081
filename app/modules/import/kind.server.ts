import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import type { ImportKind } from "./limits";

/** Messages per column index (`-1`: the row as a whole), translation keys with optional `|{json}`. */
export type CellErrors = Record<string, string[]>;

/** A record a row matches firmly (stable id, e-mail, register number …), or why it cannot be used. */
export type Firm = { id: string; error?: { field: string | null; key: string } };

/** The options the office set for a batch in the dry run (JSON in `import_batch.options`). */
export type BatchOptions = { verified?: boolean };

export type BatchInfo = { id: number; createdBy: string; options: BatchOptions };

/**
 * What one kind of import brings to the shared machinery (upload, mapping, plan, run, undo live
 * in `batches.server.ts` and `run.server.ts`): how a row is validated (with the module's own form
 * schema), how it is matched, how records are created and updated. Every record written is
 * described by an entity in `ENTITY_OPS` so undo can compare, restore and remove it.
 */
export interface KindHandler<V extends { externalId?: string } = { externalId?: string }, C = unknown> {
  kind: ImportKind;
  /** Master data the rows refer to (districts, categories …), loaded once per plan or run. */
  context(db: Kysely<DB>): Promise<C>;
  validate(cells: readonly string[], mapping: readonly (string | null)[], ctx: C): { values: V; errors: CellErrors };
  /** Keys that identify the record within the file: a second row with the same key is an error at that field. */
  fileKeys(values: V): [field: string, key: string][];
  /** Existing records by the firm keys, and possible duplicates (for the office to decide), for one chunk. */
  match(db: Kysely<DB>, values: V[], ctx: C): Promise<{ firm: (v: V) => Firm | undefined; candidate: (v: V) => string | undefined }>;
  /** What a new record needs beyond what an update needs (the form's required fields). */
  missingForCreate(values: V, mapping: readonly (string | null)[], ctx: C): CellErrors;
  /** Checks of a row against the record it updates (e.g. a need without the household's consent). */
  checkUpdate?(db: Kysely<DB>, targetId: string, values: V, mapping: readonly (string | null)[]): Promise<CellErrors>;
  /** Existing records shown next to a possible duplicate: a name and one line of detail, in the reader's language `lang`. */
  describe(db: Kysely<DB>, ids: string[], lang: string): Promise<Map<string, { name: string; detail: string }>>;
  /** Showing existing records to the office is a view of personal data where the kind holds some. */
  recordViews?(actor: Actor, ids: string[]): Promise<void>;
  /** Creates the chunk's new records (caller's transaction); returns rows that could not be created, with why. */
  create(trx: Kysely<DB>, batch: BatchInfo, items: { rowNo: number; values: V }[], now: Date, ctx: C): Promise<Map<number, string>>;
  /** Updates one record with the row's non-blank values. */
  update(trx: Kysely<DB>, batch: BatchInfo, rowNo: number, targetId: string, values: V, now: Date, ctx: C): Promise<"updated" | "unchanged" | "gone">;
}

/** A record as the import sees it: each field it may write as one comparable value. */
export type Snapshot = Record<string, string | number | null>;

export interface EntityOps {
  snapshot(db: Kysely<DB>, ids: string[]): Promise<Map<string, Snapshot>>;
  write(trx: Kysely<DB>, id: string, values: Snapshot, at: string): Promise<void>;
  /** Created records that are in use since (so undo must not remove them). */
  inUse(db: Kysely<DB>, ids: string[]): Promise<Set<string>>;
  /** Removes created records with everything that hangs on them. */
  remove(trx: Kysely<DB>, ids: string[]): Promise<void>;
}

/** Writes the values that differ from the record's and records the change (for undo). */
export async function applyUpdate(
  trx: Kysely<DB>,
  ops: EntityOps,
  args: { batchId: number; rowNo: number; entity: string; id: string; wanted: Snapshot; now: Date },
): Promise<"updated" | "unchanged" | "gone"> {
  const current = (await ops.snapshot(trx, [args.id])).get(args.id);
  if (!current) return "gone";
  const before: Snapshot = {};
  const after: Snapshot = {};
  for (const [k, v] of Object.entries(args.wanted)) {
    if (current[k] !== v) {
      before[k] = current[k] ?? null;
      after[k] = v;
    }
  }
  if (!Object.keys(after).length) return "unchanged";
  const at = args.now.toISOString();
  await ops.write(trx, args.id, after, at);
  await trx.insertInto("import_change").values({ batch_id: args.batchId, row_no: args.rowNo, entity: args.entity, entity_id: args.id, op: "update", before: JSON.stringify(before), after: JSON.stringify(after), created_at: at }).execute();
  return "updated";
}

/** Records created records (after their snapshot) for undo. */
export async function recordCreated(trx: Kysely<DB>, ops: EntityOps, args: { batchId: number; entity: string; items: { rowNo: number; id: string }[]; now: Date }) {
  if (!args.items.length) return;
  const at = args.now.toISOString();
  const snaps = new Map<string, Snapshot>();
  const ids = args.items.map((i) => i.id);
  for (let i = 0; i < ids.length; i += 500) for (const [k, v] of await ops.snapshot(trx, ids.slice(i, i + 500))) snaps.set(k, v);
  const rows = args.items.map((it) => ({ batch_id: args.batchId, row_no: it.rowNo, entity: args.entity, entity_id: it.id, op: "create" as const, before: null, after: JSON.stringify(snaps.get(it.id) ?? {}), created_at: at }));
  for (let i = 0; i < rows.length; i += 500) await trx.insertInto("import_change").values(rows.slice(i, i + 500)).execute();
}

/** Remembers the office's stable ids for the next import (first one wins). */
export async function rememberExternalIds(trx: Kysely<DB>, kind: ImportKind, batchId: number, items: { externalId?: string; id: string }[], now: Date) {
  const rows = items.filter((i) => i.externalId).map((i) => ({ kind, external_id: i.externalId!, entity_id: i.id, batch_id: batchId, created_at: now.toISOString() }));
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto("import_external_id")
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(["kind", "external_id"]).doNothing())
      .execute();
  }
}

/** Existing records by stable id (one query per chunk). */
export async function byExternalId(db: Kysely<DB>, kind: ImportKind, ids: (string | undefined)[]): Promise<Map<string, string>> {
  const list = [...new Set(ids.filter((x): x is string => !!x))];
  if (!list.length) return new Map();
  const rows = await db.selectFrom("import_external_id").select(["external_id", "entity_id"]).where("kind", "=", kind).where("external_id", "in", list).execute();
  return new Map(rows.map((r) => [r.external_id, r.entity_id]));
}

/** The column of a field in the mapping (`-1` when not mapped: the message goes to the row). */
export const columnOf = (mapping: readonly (string | null)[], ...fields: string[]) => {
  for (const f of fields) {
    const i = mapping.indexOf(f);
    if (i !== -1) return i;
  }
  return -1;
};

export const addError = (errors: CellErrors, col: number, message: string) => (errors[String(col)] ??= []).push(message);
