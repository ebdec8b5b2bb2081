import { sql, type Kysely } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
// Versions for the public page cache and derived data (ADR 0012): every change to a table that a
// cached public page or a cached derived set reads bumps its scope's version in the same
// transaction, by trigger, so no write path can forget it. The caches compare the versions on
// every read.

const SCOPES: Record<string, string[]> = {
  rooms: ["room", "room_part", "room_rules", "room_blackout", "booking_series", "booking", "room_photo"],
  donations: ["donation_need", "donation_category", "donation_match", "donation_transport"],
  organisations: ["organisation"],
  coverage: ["assignment", "certificate_inspection", "hours_entry"],
  offers: ["donation_offer"],
  // People's names and addresses as lists show them (not every write to "user", e.g. a password).
  users: ["user(name, email, locale, disabled_at)"],
};

/** `table` or `table(col, …)`: the trigger's table and, for updates, the columns it watches. */
function parse(entry: string): { table: string; columns: string | null } {
  const m = /^(\w+)(?:\((.+)\))?$/.exec(entry)!;
  return { table: m[1], columns: m[2] ? m[2].split(",").map((c) => `"${c.trim()}"`).join(", ") : null };
}

const EVENTS = ["insert", "update", "delete"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("cache_scope")
    .addColumn("scope", "text", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  for (const [scope, tables] of Object.entries(SCOPES)) {
    await db.insertInto("cache_scope").values({ scope, version: 0 }).execute();
    for (const entry of tables) {
      const { table, columns } = parse(entry);
      for (const event of EVENTS) {
        const on = event === "update" && columns ? `update of ${columns}` : event;
        await sql
          .raw(
            `create trigger cache_${scope}_${table}_${event} after ${on} on "${table}" begin ` +
              `update cache_scope set version = version + 1 where scope = '${scope}'; end`,
          )
          .execute(db);
      }
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [scope, tables] of Object.entries(SCOPES)) {
    for (const entry of tables) {
      for (const event of EVENTS) await sql.raw(`drop trigger if exists cache_${scope}_${parse(entry).table}_${event}`).execute(db);
    }
  }
  await db.schema.dropTable("cache_scope").execute();
}
