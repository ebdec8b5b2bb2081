import type { Kysely } from "kysely";
import { sql } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
// Indexes for the office volunteer list's filters (10,000 volunteers): "covered today" and the
// association members' scope read assignments by organisation and period from one covering
// index; the certificate state reads the assignments with minors from a partial index; the
// Ehrenamtskarte adds up confirmed hours per assignment from a covering index.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("assignment_cover_idx")
    .on("assignment")
    .columns(["organisation_id", "start_day", "end_day", "closed_on", "volunteer_user_id"])
    .execute();
  await db.schema
    .createIndex("assignment_minors_idx")
    .on("assignment")
    .columns(["volunteer_user_id", "start_day", "end_day", "closed_on"])
    .where(sql.ref("works_with_minors"), "=", sql.lit(1))
    .execute();
  await db.schema.createIndex("hours_entry_confirmed_idx").on("hours_entry").columns(["status", "assignment_id", "day", "hours"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("hours_entry_confirmed_idx").ifExists().execute();
  await db.schema.dropIndex("assignment_minors_idx").ifExists().execute();
  await db.schema.dropIndex("assignment_cover_idx").ifExists().execute();
}
