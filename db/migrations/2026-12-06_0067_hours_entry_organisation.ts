import { sql, type Kysely, type Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app (the engine type only), Kysely<any> only. Never edit after it landed.
//
// The hours list (`/office/hours`) of an association member shows its organisations' entries, and
// the office can filter by an organisation's name. The organisation lives on the assignment, so
// the list probed every assignment of those organisations (the organisation filter "Anrath":
// 1,090 index probes, twice: for the count and for the page) or walked every waiting entry checking
// its assignment (a member: 9,916 entries for 410 of its own). On PostgreSQL that was 3–7 ms of the
// backends' time per page, 1.6–1.9× of SQLite's whole request (issue #13).
//
// An entry now keeps its assignment's organisation, kept by the database itself so no command can
// forget it (as migration 0062 keeps the profile's name): a new entry (or one moved to another
// assignment) takes the assignment's organisation; an assignment moved to another organisation
// moves its entries. SQLite: triggers; PostgreSQL: a before-trigger function on the entry and an
// after-trigger function on the assignment. The column is nullable on both engines (SQLite cannot
// add a NOT NULL column without a default); the triggers fill it on every row.
//
// The index (status, organisation_id, day, created_at, id) answers the member's list and the
// organisation filter from the index alone: the count, the day range and the waiting entries' order.

export function migration(engine: Engine): Migration {
  /** Statistics for the new index. On SQLite only where the table was analysed before (as migration 0064; on a new, empty database it would record an empty table for good). */
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
      await db.schema.alterTable("hours_entry").addColumn("organisation_id", "integer").execute();
      await sql`update hours_entry set organisation_id = (select a.organisation_id from assignment a where a.id = hours_entry.assignment_id)`.execute(db);
      if (engine === "postgres") {
        await sql
          .raw(
            `create function hours_entry_organisation_from_assignment() returns trigger language plpgsql as $$
             begin
               select a.organisation_id into new.organisation_id from assignment a where a.id = new.assignment_id;
               return new;
             end $$`,
          )
          .execute(db);
        await sql
          .raw(`create trigger hours_entry_organisation before insert or update of assignment_id, organisation_id on hours_entry for each row execute function hours_entry_organisation_from_assignment()`)
          .execute(db);
        await sql
          .raw(
            `create function assignment_organisation_to_hours_entry() returns trigger language plpgsql as $$
             begin
               update hours_entry set organisation_id = new.organisation_id where assignment_id = new.id;
               return null;
             end $$`,
          )
          .execute(db);
        await sql
          .raw(
            `create trigger assignment_organisation_to_hours_entry after update of organisation_id on assignment for each row
             when (old.organisation_id is distinct from new.organisation_id)
             execute function assignment_organisation_to_hours_entry()`,
          )
          .execute(db);
      } else {
        await sql
          .raw(
            `create trigger hours_entry_organisation_insert after insert on hours_entry begin
               update hours_entry set organisation_id = (select a.organisation_id from assignment a where a.id = new.assignment_id) where id = new.id;
             end`,
          )
          .execute(db);
        await sql
          .raw(
            `create trigger hours_entry_organisation_update after update of assignment_id, organisation_id on hours_entry
             when new.organisation_id is not (select a.organisation_id from assignment a where a.id = new.assignment_id) begin
               update hours_entry set organisation_id = (select a.organisation_id from assignment a where a.id = new.assignment_id) where id = new.id;
             end`,
          )
          .execute(db);
        await sql
          .raw(
            `create trigger assignment_organisation_to_hours_entry after update of organisation_id on assignment
             when old.organisation_id is not new.organisation_id begin
               update hours_entry set organisation_id = new.organisation_id where assignment_id = new.id;
             end`,
          )
          .execute(db);
      }
      await db.schema.createIndex("hours_entry_organisation_idx").on("hours_entry").columns(["status", "organisation_id", "day", "created_at", "id"]).execute();
      await analyse(db);
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropIndex("hours_entry_organisation_idx").execute();
      if (engine === "postgres") {
        await sql.raw(`drop trigger assignment_organisation_to_hours_entry on assignment`).execute(db);
        await sql.raw(`drop trigger hours_entry_organisation on hours_entry`).execute(db);
        await sql.raw(`drop function assignment_organisation_to_hours_entry()`).execute(db);
        await sql.raw(`drop function hours_entry_organisation_from_assignment()`).execute(db);
      } else {
        await sql.raw(`drop trigger assignment_organisation_to_hours_entry`).execute(db);
        await sql.raw(`drop trigger hours_entry_organisation_update`).execute(db);
        await sql.raw(`drop trigger hours_entry_organisation_insert`).execute(db);
      }
      await db.schema.alterTable("hours_entry").dropColumn("organisation_id").execute();
    },
  };
}
