import { sql, type Kysely } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
// The office's hours list shows decided entries (about 90,000 at county scale) newest decision
// first, one page at a time: this index gives that order (and the count per status) without
// sorting every confirmed entry on each page.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("hours_entry_decided_idx").on("hours_entry").columns(["status", "decided_at"]).execute();
  // Statistics for the new index too: where the table was analysed before, SQLite would otherwise
  // guess the new index very selective and use it for the waiting entries (sorting all of them).
  await sql`analyze hours_entry`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("hours_entry_decided_idx").ifExists().execute();
}
