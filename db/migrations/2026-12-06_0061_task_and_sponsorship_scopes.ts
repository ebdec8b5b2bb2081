import { sql, type Kysely, type Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app but the engine type, Kysely<any> only. Never edit after it landed.
//
// Cache scopes for derived data of the office's start page (ADR 0049): "tasks" (the work queue's
// counts) and "sponsorships" (the sponsorship and tandem hints) are new; the existing "seal" scope
// also covers the tables of the seal's hints (applications, jurors, assignments, events,
// conditions). Every write to these tables bumps the scope in the writing transaction, by trigger,
// as migrations 0010 and 0039 do for the other scopes: on SQLite the scope's row, on PostgreSQL a
// row in `cache_scope_bump` per statement (no hot row; folded by the daily job).

const NEW_SCOPES: Record<string, readonly string[]> = {
  tasks: ["task"],
  sponsorships: ["sponsorship_programme", "sponsorship_request", "sponsorship_proposal", "tandem", "tandem_meeting"],
};
const MORE_TABLES: Record<string, readonly string[]> = {
  seal: ["seal_application", "seal_juror", "seal_assignment", "seal_event", "seal_condition"],
};
const ALL: [string, readonly string[]][] = [...Object.entries(NEW_SCOPES), ...Object.entries(MORE_TABLES)];
const EVENTS = ["insert", "update", "delete"] as const;

export function migration(engine: Engine): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      for (const scope of Object.keys(NEW_SCOPES)) await db.insertInto("cache_scope").values({ scope, version: 0 }).execute();
      for (const [scope, tables] of ALL) {
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
    },
    async down(db: Kysely<any>): Promise<void> {
      for (const [scope, tables] of ALL) {
        for (const table of tables) {
          for (const event of EVENTS) {
            const name = `cache_${scope}_${table}_${event}`;
            await sql.raw(engine === "postgres" ? `drop trigger if exists ${name} on "${table}"` : `drop trigger if exists ${name}`).execute(db);
          }
        }
      }
      for (const scope of Object.keys(NEW_SCOPES)) await db.deleteFrom("cache_scope").where("scope", "=", scope).execute();
    },
  };
}
