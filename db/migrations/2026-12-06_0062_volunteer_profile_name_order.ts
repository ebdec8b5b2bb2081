import { sql, type Kysely, type Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app (the engine type only), Kysely<any> only. Never edit after it landed.
//
// The volunteer lists (office and association) page in name order. The name lives on `user`, so a
// page walked the user name index and looked up every user's profile up to the page: page 40 is
// 1,000 profile lookups, 3.5 µs each on PostgreSQL against 0.5 µs on SQLite (issue #13: page 40 at
// 1.7–1.8× of SQLite). The profile now keeps a copy of the name and its sort key, with an index in
// name order over the profiles not erased: a page walks one index of one table.
//
// The copy is kept by the database itself, so no command can forget it: a new profile takes the
// user's name; a changed name (or key) of a user is written to the profile. SQLite: two triggers;
// PostgreSQL: two trigger functions (the profile's before insert, the user's after update).
// `name_key` is `collate "C"` on PostgreSQL, as `user.name_key` (migration 0030).

export function migration(engine: Engine): Migration {
  const keyType = engine === "postgres" ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable("volunteer_profile").addColumn("name", "text", (c) => c.notNull().defaultTo("")).execute();
      await db.schema.alterTable("volunteer_profile").addColumn("name_key", keyType, (c) => c.notNull().defaultTo("")).execute();
      await sql`update volunteer_profile set name = (select u.name from "user" u where u.id = volunteer_profile.user_id), name_key = (select u.name_key from "user" u where u.id = volunteer_profile.user_id)`.execute(db);
      if (engine === "postgres") {
        await sql
          .raw(
            `create function volunteer_profile_name_from_user() returns trigger language plpgsql as $$
             begin
               select u.name, u.name_key into new.name, new.name_key from "user" u where u.id = new.user_id;
               return new;
             end $$`,
          )
          .execute(db);
        await sql.raw(`create trigger volunteer_profile_name_insert before insert on volunteer_profile for each row execute function volunteer_profile_name_from_user()`).execute(db);
        await sql
          .raw(
            `create function user_name_to_volunteer_profile() returns trigger language plpgsql as $$
             begin
               update volunteer_profile set name = new.name, name_key = new.name_key where user_id = new.id;
               return null;
             end $$`,
          )
          .execute(db);
        await sql
          .raw(
            `create trigger user_name_to_volunteer_profile after update of name, name_key on "user" for each row
             when (old.name is distinct from new.name or old.name_key is distinct from new.name_key)
             execute function user_name_to_volunteer_profile()`,
          )
          .execute(db);
      } else {
        await sql
          .raw(
            `create trigger volunteer_profile_name_insert after insert on volunteer_profile begin
               update volunteer_profile set name = (select u.name from "user" u where u.id = new.user_id), name_key = (select u.name_key from "user" u where u.id = new.user_id) where user_id = new.user_id;
             end`,
          )
          .execute(db);
        await sql
          .raw(
            `create trigger user_name_to_volunteer_profile after update of name, name_key on "user"
             when old.name is not new.name or old.name_key is not new.name_key begin
               update volunteer_profile set name = new.name, name_key = new.name_key where user_id = new.id;
             end`,
          )
          .execute(db);
      }
      await db.schema
        .createIndex("volunteer_profile_name_idx")
        .on("volunteer_profile")
        .columns(["name_key", "name", "user_id"])
        .where(sql.ref("erased_at"), "is", null)
        .execute();
      // PostgreSQL: statistics for the new index now. Not on SQLite: on a new, empty database it would
      // record an empty table for good (SQLite never analyses by itself).
      if (engine === "postgres") await sql`analyze volunteer_profile`.execute(db);
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropIndex("volunteer_profile_name_idx").execute();
      if (engine === "postgres") {
        await sql.raw(`drop trigger user_name_to_volunteer_profile on "user"`).execute(db);
        await sql.raw(`drop trigger volunteer_profile_name_insert on volunteer_profile`).execute(db);
        await sql.raw(`drop function user_name_to_volunteer_profile()`).execute(db);
        await sql.raw(`drop function volunteer_profile_name_from_user()`).execute(db);
      } else {
        await sql.raw(`drop trigger user_name_to_volunteer_profile`).execute(db);
        await sql.raw(`drop trigger volunteer_profile_name_insert`).execute(db);
      }
      await db.schema.alterTable("volunteer_profile").dropColumn("name_key").execute();
      await db.schema.alterTable("volunteer_profile").dropColumn("name").execute();
    },
  };
}
