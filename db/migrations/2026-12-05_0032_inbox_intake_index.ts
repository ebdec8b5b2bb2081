import { sql, type Kysely, type Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app (the engine type only), Kysely<any> only. Never edit after it landed.
//
// The office inbox lists the volunteers waiting for their intake talk on every view, oldest first
// (app/modules/volunteers/reminders.server.ts `awaitingIntakeProvider`: status 'registered', not
// erased, ordered by `status_changed_at`, first 50). The status index of 0002 is (status,
// created_at): both engines fetched every registered profile and sorted them (PostgreSQL: a hash
// join over all users, 3.4 ms of the inbox's 12 ms database time per request on the bench data
// set, issue #13). This index hands the first 50 over in order, on both engines alike.

export function migration(_engine: Engine): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createIndex("volunteer_profile_status_changed_idx")
        .on("volunteer_profile")
        .columns(["status", "status_changed_at"])
        .where(sql.ref("erased_at"), "is", null)
        .execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropIndex("volunteer_profile_status_changed_idx").execute();
    },
  };
}
