import { sql, type Kysely, type Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app (the engine type only), Kysely<any> only. Never edit after it landed.
//
// Every command stores an account's e-mail address in lower case (the form's e-mail field lowers
// it; sign-up, invitations, the import and an address change all go through it). The searches of
// the users list and the cover evidence nevertheless lowered the column on every row
// (`lower(email) like …`): on PostgreSQL, whose `lower()` knows every script, that was 3 of the
// 5 ms a search of 10,000 accounts cost the database (issue #13).
//
// The database now keeps the rule, so the searches can compare the column as stored: addresses
// with capital letters A–Z are lowered once here (where no other account has the lowered address;
// such a pair, which no command could have written, is left as it is), and a trigger refuses a new
// or changed address with a capital letter A–Z. A trigger on both engines, not a check constraint,
// so that the schema comparison of the engines stays one schema.

export function migration(engine: Engine): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (engine === "postgres") {
        await sql`update "user" u set email = lower(u.email) where u.email ~ '[A-Z]' and not exists (select 1 from "user" o where o.email = lower(u.email))`.execute(db);
        await sql
          .raw(
            `create function user_email_lower_case() returns trigger language plpgsql as $$
             begin
               if new.email ~ '[A-Z]' then
                 raise exception 'user.email is stored in lower case' using errcode = 'check_violation';
               end if;
               return new;
             end $$`,
          )
          .execute(db);
        await sql.raw(`create trigger user_email_lower_case before insert or update of email on "user" for each row execute function user_email_lower_case()`).execute(db);
      } else {
        await sql`update "user" set email = lower(email) where email glob '*[A-Z]*' and not exists (select 1 from "user" o where o.email = lower("user".email))`.execute(db);
        for (const [name, event] of [
          ["user_email_lower_case_insert", "insert"],
          ["user_email_lower_case_update", "update of email"],
        ] as const) {
          await sql
            .raw(
              `create trigger ${name} before ${event} on "user" when new.email glob '*[A-Z]*' begin
                 select raise(abort, 'user.email is stored in lower case');
               end`,
            )
            .execute(db);
        }
      }
    },
    async down(db: Kysely<any>): Promise<void> {
      if (engine === "postgres") {
        await sql.raw(`drop trigger user_email_lower_case on "user"`).execute(db);
        await sql.raw(`drop function user_email_lower_case()`).execute(db);
      } else {
        await sql.raw(`drop trigger user_email_lower_case_update`).execute(db);
        await sql.raw(`drop trigger user_email_lower_case_insert`).execute(db);
      }
    },
  };
}
