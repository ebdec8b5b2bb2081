import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { PersonalDataEraser, PersonalDataExporter } from "~/modules/volunteers/personal-data-types";

/** Art. 15: which imports created or changed the person (file, when, what), and the stable ids the office's lists use for them. */
export const importExporter: PersonalDataExporter = {
  name: "import",
  run: async (trx, userId) => {
    const [changes, ids] = await Promise.all([
      trx
        .selectFrom("import_change as c")
        .innerJoin("import_batch as b", "b.id", "c.batch_id")
        .select(["b.file_name", "c.op", "c.after", "c.created_at", "b.status"])
        .where("c.entity", "=", "volunteer")
        .where("c.entity_id", "=", userId)
        .orderBy("c.id")
        .execute(),
      trx.selectFrom("import_external_id").select(["kind", "external_id", "created_at"]).where("entity_id", "=", userId).execute(),
    ]);
    return { imports: changes.map((c) => ({ file: c.file_name, op: c.op, fields: Object.keys(JSON.parse(c.after) as object), at: c.created_at, batchStatus: c.status })), externalIds: ids };
  },
};

/** Art. 17: the values recorded for undo, the stable ids and the spreadsheet rows about the person are deleted. */
export const importEraser: PersonalDataEraser = {
  name: "import",
  run: async (trx, userId) => {
    const rows = await trx.selectFrom("import_change").select(["batch_id", "row_no"]).where("entity", "=", "volunteer").where("entity_id", "=", userId).execute();
    for (const r of rows) await trx.updateTable("import_row").set({ cells: "[]", fixes: null, errors: null }).where("batch_id", "=", r.batch_id).where("row_no", "=", r.row_no).execute();
    await trx
      .updateTable("import_row")
      .set({ cells: "[]", fixes: null, errors: null })
      .where((eb) => eb.or([eb("target_id", "=", userId), eb("candidate_id", "=", userId)]))
      .execute();
    await trx.deleteFrom("import_change").where("entity", "=", "volunteer").where("entity_id", "=", userId).execute();
    await trx.deleteFrom("import_external_id").where("entity_id", "=", userId).execute();
  },
};

/**
 * A household's erasure (Art. 17): the spreadsheet rows about it are emptied and the values
 * recorded for undo deleted (its imports can then no longer be undone for it), like a volunteer's.
 */
export async function eraseHouseholdImportData(trx: Kysely<DB>, householdId: number) {
  const id = String(householdId);
  const rows = await trx.selectFrom("import_change").select(["batch_id", "row_no"]).where("entity", "=", "household").where("entity_id", "=", id).execute();
  for (const r of rows) await trx.updateTable("import_row").set({ cells: "[]", fixes: null, errors: null }).where("batch_id", "=", r.batch_id).where("row_no", "=", r.row_no).execute();
  await trx
    .updateTable("import_row")
    .set({ cells: "[]", fixes: null, errors: null })
    .where("batch_id", "in", trx.selectFrom("import_batch").select("id").where("kind", "=", "households"))
    .where((eb) => eb.or([eb("target_id", "=", id), eb("candidate_id", "=", id)]))
    .execute();
  await trx.deleteFrom("import_change").where("entity", "=", "household").where("entity_id", "=", id).execute();
  await trx.deleteFrom("import_external_id").where("kind", "=", "households").where("entity_id", "=", id).execute();
}
