import { sql, type Kysely, type Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app but the engine type, Kysely<any> only. Never edit after it landed.
//
// The office lists keep their totals per filter as derived data (ADR 0054), so every table a list's
// count reads must bump one of the count's scopes in the writing transaction: a person's roles
// ("users": the users list filtered by role), the volunteers' facts ("volunteers": the volunteer
// list filtered by cover, certificate or Ehrenamtskarte), a sponsorship request's languages and kinds
// of help ("sponsorships": the requests list filtered by them). As migrations 0010 and 0061: on
// SQLite a trigger per row updates the scope's row, on PostgreSQL a trigger per statement appends to
// `cache_scope_bump` (no hot row; folded by the daily job).
//
// And the sponsorship requests in the list's order (priority, then the oldest), so the list's page
// walks the index and stops after its rows instead of sorting every waiting request.

const MORE_TABLES: Record<string, readonly string[]> = {
  users: ["user_role"],
  volunteers: ["volunteer_fact"],
  sponsorships: ["sponsorship_request_language", "sponsorship_request_help"],
};
const EVENTS = ["insert", "update", "delete"] as const;

export function migration(engine: Engine): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      for (const [scope, tables] of Object.entries(MORE_TABLES)) {
        for (const table of tables) {
          for (const event of EVENTS) {
            const name = `cache_${scope}_${table}_${event}`;
            await sql
              .raw(
                engine === "postgres"
                  ? `create trigger ${name} after ${event} on "${table}" for each statement execute function bump_cache_scope('${scope}')`
                  : `create trigger ${name} after ${event} on "${table}" begin update cache_scope set version = version + 1 where scope = '${scope}'; end`,
              )
              .execute(db);
          }
        }
      }
      await db.schema.createIndex("sponsorship_request_order_idx").on("sponsorship_request").columns(["priority desc", "requested_at", "id"]).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropIndex("sponsorship_request_order_idx").ifExists().execute();
      for (const [scope, tables] of Object.entries(MORE_TABLES)) {
        for (const table of tables) {
          for (const event of EVENTS) {
            const name = `cache_${scope}_${table}_${event}`;
            await sql.raw(engine === "postgres" ? `drop trigger if exists ${name} on "${table}"` : `drop trigger if exists ${name}`).execute(db);
          }
        }
      }
    },
  };
}
