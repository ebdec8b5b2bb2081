import type { Kysely, Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app (the engine type only), Kysely<any> only. Never edit after it landed.
//
// The import's further kinds (issue #17, ADR 0044): associations, households with their needs,
// donation offers.
// - `household.consent_pending`: 1 for a household brought in by an import, whose consent the office
//   has still to record. Such a household (and its needs) stays out of what volunteers and the
//   public see and out of matching until the office records a consent (the flag is cleared then).
// - `import_batch.options`: the office's choices in the dry run (JSON), e.g. that the imported
//   associations are already verified.

export function migration(_engine: Engine): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable("household").addColumn("consent_pending", "integer", (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable("import_batch").addColumn("options", "text").execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable("import_batch").dropColumn("options").execute();
      await db.schema.alterTable("household").dropColumn("consent_pending").execute();
    },
  };
}
