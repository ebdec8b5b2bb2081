import { sql, type Kysely, type Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app (the engine type only), Kysely<any> only. Never edit after it landed.
//
// The report of a period (`/office/reports`, KOMM-AN, the downloads; issue #16) counts the
// confirmed donation offers of the period by category and reads the confirmed bookings of the
// period. Both read the table's rows: on PostgreSQL a sequential scan of every offer (bench data:
// 46,620 of 50,000 in the year, 20–37 ms of the backend's time, twice per report: the period and
// the one before) and the bookings' rows behind the (status, starts_at) index. These indexes answer
// both from the index alone (PostgreSQL: index-only scans, offers 37 → 10 ms, bookings 20 → 1.6 ms;
// SQLite: the bookings from the covering index, 19 → 12 ms; for the offers SQLite keeps its scan).
// Issue #13: the year's KOMM-AN view and its XLSX were above 1.5× of SQLite's CPU per request.

export function migration(engine: Engine): Migration {
  /** Statistics for the new indexes; on SQLite only where the table was analysed before (as migration 0064). */
  const analyse = async (db: Kysely<any>, table: string) => {
    if (engine === "postgres") {
      await sql`analyze ${sql.table(table)}`.execute(db);
      return;
    }
    const stat1 = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'sqlite_stat1'`.execute(db);
    if (!Number(stat1.rows[0].n)) return;
    const analysed = await sql<{ n: number }>`select count(*) as n from sqlite_stat1 where tbl = ${table}`.execute(db);
    if (Number(analysed.rows[0].n)) await sql`analyze ${sql.table(table)}`.execute(db);
  };
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createIndex("donation_offer_report_idx")
        .on("donation_offer")
        .columns(["created_at", "category_id"])
        .where(sql.ref("confirmed_at"), "is not", null)
        .execute();
      await db.schema.createIndex("booking_report_idx").on("booking").columns(["status", "starts_at", "ends_at", "integration_purpose"]).execute();
      await analyse(db, "donation_offer");
      await analyse(db, "booking");
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropIndex("booking_report_idx").execute();
      await db.schema.dropIndex("donation_offer_report_idx").execute();
    },
  };
}
