import type { Kysely } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
// Anonymous forms that send mail or take uploads are limited per client IP and per e-mail
// address within a window: one row per accepted submission (`address` null when the form has
// none). The daily job deletes rows older than a day.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("form_submission")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("form", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("form_submission_ip_idx").on("form_submission").columns(["form", "ip", "created_at"]).execute();
  await db.schema.createIndex("form_submission_address_idx").on("form_submission").columns(["form", "address", "created_at"]).execute();
  await db.schema.createIndex("form_submission_created_idx").on("form_submission").column("created_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("form_submission").ifExists().execute();
}
