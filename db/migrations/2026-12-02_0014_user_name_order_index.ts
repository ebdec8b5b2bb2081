import { sql, type Kysely } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
// Lists of people are ordered by name, then id (a stable order for equal names). With both in one
// index a page can be read in that order and stop after its rows, instead of sorting everyone the
// filters let through (the office volunteer list, ADR 0016). It replaces the index on the name
// alone, which it covers.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("user_name_id_idx").on("user").columns(["name", "id"]).execute();
  await db.schema.dropIndex("user_name_idx").ifExists().execute();
  await sql`analyze "user"`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("user_name_idx").ifNotExists().on("user").column("name").execute();
  await db.schema.dropIndex("user_name_id_idx").ifExists().execute();
}
