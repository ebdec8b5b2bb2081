import { sql, type Kysely } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
// `/spenden` and the office's donations inbox show the households' districts, but a change to a
// household bumped no cache scope, so an edited district stayed stale until the page's time limit
// (ADR 0019). Its writes now bump "donations" in the writing transaction, as migration 0010 does
// for the other tables behind the public pages. A test finds every table a cached page reads.

const EVENTS = ["insert", "update", "delete"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const event of EVENTS) {
    await sql
      .raw(`create trigger cache_donations_household_${event} after ${event} on "household" begin update cache_scope set version = version + 1 where scope = 'donations'; end`)
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const event of EVENTS) await sql.raw(`drop trigger if exists cache_donations_household_${event}`).execute(db);
}
