import { sql, type Kysely } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
// A cache scope for the volunteers' profiles and the facts the office list filters by (ADR 0012):
// the list's total per filter is kept while none of these tables changed.

const TABLES = ["volunteer_profile", "volunteer_language", "volunteer_skill", "volunteer_field"];
const EVENTS = ["insert", "update", "delete"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.insertInto("cache_scope").values({ scope: "volunteers", version: 0 }).execute();
  for (const table of TABLES) {
    for (const event of EVENTS) {
      await sql
        .raw(`create trigger cache_volunteers_${table}_${event} after ${event} on "${table}" begin update cache_scope set version = version + 1 where scope = 'volunteers'; end`)
        .execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) for (const event of EVENTS) await sql.raw(`drop trigger if exists cache_volunteers_${table}_${event}`).execute(db);
  await db.deleteFrom("cache_scope").where("scope", "=", "volunteers").execute();
}
