import type { Kysely, Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app (the engine type only), Kysely<any> only. Never edit after it landed.
//
// The accounts holding a role, found from the role: the work queue's assignee list (every office
// member) on each view of `/office` read all 10,000 users of the bench data set in name order and
// asked `user_role` for each (issue #11/#16, docs/benchmarks.md "Stop 14"). With this index the
// query starts at the few office roles' rows. The same on both engines.

export function migration(_engine: Engine): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createIndex("user_role_role_idx").on("user_role").columns(["role", "user_id"]).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropIndex("user_role_role_idx").execute();
    },
  };
}
