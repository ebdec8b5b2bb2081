import { sql, type Kysely, type Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app but the engine type, Kysely<any> only. Never edit after it landed.
//
// The seal's reads (issue #15): an association's applications, the office's queue by status, a
// juror's assignments, the public register (awards not revoked, by validity) and the daily renewal
// reminder (awards running out), each answered from an index on both engines.

export function migration(_engine: Engine): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createIndex("seal_application_org_idx").on("seal_application").columns(["organisation_id", "created_at"]).execute();
      await db.schema.createIndex("seal_application_status_idx").on("seal_application").columns(["status", "updated_at"]).execute();
      await db.schema.createIndex("seal_assignment_juror_idx").on("seal_assignment").columns(["juror_user_id"]).execute();
      await db.schema.createIndex("seal_event_application_idx").on("seal_event").columns(["application_id", "id"]).execute();
      await db.schema
        .createIndex("seal_award_valid_idx")
        .on("seal_award")
        .columns(["valid_until"])
        .where(sql.ref("revoked_at"), "is", null)
        .execute();
      await db.schema.createIndex("seal_award_org_idx").on("seal_award").columns(["organisation_id"]).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      for (const name of ["seal_award_org_idx", "seal_award_valid_idx", "seal_event_application_idx", "seal_assignment_juror_idx", "seal_application_status_idx", "seal_application_org_idx"]) {
        await db.schema.dropIndex(name).execute();
      }
    },
  };
}
