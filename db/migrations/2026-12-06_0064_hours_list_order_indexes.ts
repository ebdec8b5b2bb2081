import { sql, type Kysely, type Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app (the engine type only), Kysely<any> only. Never edit after it landed.
//
// The office's hours list pages waiting entries by (created_at, id) and decided ones by
// (decided_at, id) (app/modules/coverage/hours-list.server.ts). On SQLite the indexes (status,
// created_at) and (status, decided_at) already end in the row id, so a page walks the index and
// stops after its rows. A PostgreSQL index orders ties by their place on disk, not by id: with a
// name or organisation filter it gathered every matching entry and sorted them (bench, confirmed
// entries of "busch": 6,960 entries, 14.8 ms; with the id in the index 0.7 ms; issue #13). Both
// indexes now name the id, on both engines alike (the schema comparison test wants one schema).

const INDEXES = [
  { name: "hours_entry_status_idx", columns: ["status", "created_at"] },
  { name: "hours_entry_decided_idx", columns: ["status", "decided_at"] },
] as const;

export function migration(engine: Engine): Migration {
  /** Statistics for the new indexes. On SQLite only where the table was analysed before (migration 0012 says why; on a new, empty database it would record an empty table for good). */
  const analyse = async (db: Kysely<any>) => {
    if (engine === "postgres") {
      await sql`analyze hours_entry`.execute(db);
      return;
    }
    const stat1 = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'sqlite_stat1'`.execute(db);
    if (!Number(stat1.rows[0].n)) return;
    const analysed = await sql<{ n: number }>`select count(*) as n from sqlite_stat1 where tbl = 'hours_entry'`.execute(db);
    if (Number(analysed.rows[0].n)) await sql`analyze hours_entry`.execute(db);
  };
  return {
    async up(db: Kysely<any>): Promise<void> {
      for (const i of INDEXES) {
        await db.schema.dropIndex(i.name).execute();
        await db.schema.createIndex(i.name).on("hours_entry").columns([...i.columns, "id"]).execute();
      }
      await analyse(db);
    },
    async down(db: Kysely<any>): Promise<void> {
      for (const i of INDEXES) {
        await db.schema.dropIndex(i.name).execute();
        await db.schema.createIndex(i.name).on("hours_entry").columns([...i.columns]).execute();
      }
      await analyse(db);
    },
  };
}
