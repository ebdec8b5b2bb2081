import type { Kysely } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
// When a volunteer asks for erasure, the account is anonymised, but their assignments stay as
// insurance evidence for a configured number of years: the name is kept here until then (the
// daily job deletes the row on `kept_until`, after which the assignments point to an anonymous id).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("cover_evidence")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("user.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("erased_at", "text", (c) => c.notNull())
    .addColumn("kept_until", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("cover_evidence_kept_until_idx").on("cover_evidence").column("kept_until").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("cover_evidence").execute();
}
