import { sql, type Kysely } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
// The office's open needs are listed urgent first, then oldest first, a page at a time (5,000
// open needs at county scale). This index gives that order ("urgent" sorts after "normal", the
// column's only other value), so a page does not sort every open need.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index donation_need_open_idx on donation_need (status, urgency desc, created_at, id)`.execute(db);
  await sql`analyze donation_need`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("donation_need_open_idx").ifExists().execute();
}
