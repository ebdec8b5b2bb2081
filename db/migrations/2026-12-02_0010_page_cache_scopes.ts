import { sql, type Kysely } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
// Versions for the public page cache and derived data (ADR 0012): every change to a table that a
// cached public page or a cached derived set reads bumps its scope's version in the same
// transaction, by trigger, so no write path can forget it. The caches compare the versions on
// every read.

const SCOPES: Record<string, string[]> = {
  rooms: ["room", "room_part", "room_rules", "room_blackout", "booking_series", "booking", "room_photo"],
  donations: ["donation_need", "donation_category", "donation_match"],
  organisations: ["organisation"],
  coverage: ["assignment", "certificate_inspection", "hours_entry"],
  offers: ["donation_offer"],
};

const EVENTS = ["insert", "update", "delete"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("cache_scope")
    .addColumn("scope", "text", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  for (const [scope, tables] of Object.entries(SCOPES)) {
    await db.insertInto("cache_scope").values({ scope, version: 0 }).execute();
    for (const table of tables) {
      for (const event of EVENTS) {
        await sql
          .raw(
            `create trigger cache_${scope}_${table}_${event} after ${event} on "${table}" begin ` +
              `update cache_scope set version = version + 1 where scope = '${scope}'; end`,
          )
          .execute(db);
      }
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [scope, tables] of Object.entries(SCOPES)) {
    for (const table of tables) {
      for (const event of EVENTS) await sql.raw(`drop trigger if exists cache_${scope}_${table}_${event}`).execute(db);
    }
  }
  await db.schema.dropTable("cache_scope").execute();
}
