import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { DailyTask } from "~/modules/jobs/daily-types";
import { env } from "~/utils/env.server";

/**
 * The uploaded rows of an import are personal data kept only for the import itself: once a batch
 * has rested `IMPORT_ROW_RETENTION_DAYS` after its last step (finished, undone, failed, or left
 * unfinished at a step), the daily job deletes its rows. An unfinished batch is discarded
 * ("cancelled"); a finished one keeps its counts and its undo record (`import_change`).
 * Running batches are never touched.
 */
const RESTING = ["uploaded", "mapping", "review", "done", "failed", "undone", "cancelled"] as const;
const UNFINISHED = ["uploaded", "mapping", "review"] as const;

export function importRowCutoff(now: Date): string {
  return new Date(now.getTime() - env().IMPORT_ROW_RETENTION_DAYS * 86_400_000).toISOString();
}

function expiredBatches(db: Kysely<DB>, now: Date) {
  return db.selectFrom("import_batch").select("id").where("status", "in", [...RESTING]).where("updated_at", "<", importRowCutoff(now));
}

/** How many rows are due for deletion now (the privacy desk's retention overview). */
export async function dueImportRows(db: Kysely<DB>, now: Date): Promise<number> {
  const r = await db
    .selectFrom("import_row")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("batch_id", "in", expiredBatches(db, now))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Deletes the rows of batches past the period; returns how many rows were deleted. */
export async function deleteExpiredImportRows(trx: Kysely<DB>, now: Date): Promise<number> {
  const at = now.toISOString();
  const ids = (await expiredBatches(trx, now).execute()).map((b) => b.id);
  let deleted = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    deleted += Number((await trx.deleteFrom("import_row").where("batch_id", "in", part).executeTakeFirst()).numDeletedRows);
    await trx.updateTable("import_batch").set({ status: "cancelled", updated_at: at }).where("id", "in", part).where("status", "in", [...UNFINISHED]).execute();
  }
  return deleted;
}

export const importRowRetentionTask: DailyTask = { name: "import-row-retention", run: deleteExpiredImportRows };
