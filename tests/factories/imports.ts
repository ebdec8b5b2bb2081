import type { Kysely } from "kysely";
import type { DB, ImportBatchTable } from "../../db/schema";
import type { Insertable } from "kysely";

/** A batch as an upload leaves it (status "uploaded"), rows given as cell arrays (row 1 = headers). */
export async function createTestImportBatch(db: Kysely<DB>, o: { createdBy: string; rows?: string[][]; status?: ImportBatchTable["status"] }) {
  const rows = o.rows ?? [
    ["E-Mail", "Vorname", "Nachname", "Ortsteil"],
    ["fixture.import@example.org", "Fiona", "Fixture", "Anrath"],
  ];
  const now = new Date().toISOString();
  const values: Insertable<ImportBatchTable> = {
    kind: "volunteers",
    status: o.status ?? "uploaded",
    file_name: "fixture.csv",
    file_format: "csv",
    encoding: "utf-8",
    delimiter: ";",
    sheet_name: null,
    sheet_names: null,
    header_row: (o.rows ?? []).findIndex((r) => r.filter((c) => c.trim() !== "").length >= 2) + 1 || 1,
    column_count: rows[0].length,
    mapping: null,
    row_count: rows.length,
    lease_until: null,
    error: null,
    created_by: o.createdBy,
    created_at: now,
    updated_at: now,
    started_at: null,
    finished_at: null,
    undone_at: null,
  };
  const batch = await db.insertInto("import_batch").values(values).returning("id").executeTakeFirstOrThrow();
  await db
    .insertInto("import_row")
    .values(rows.map((cells, i) => ({ batch_id: batch.id, row_no: i + 1, cells: JSON.stringify(cells), fixes: null, plan: null, target_id: null, candidate_id: null, decision: null, errors: null, outcome: null })))
    .execute();
  return { id: batch.id };
}
