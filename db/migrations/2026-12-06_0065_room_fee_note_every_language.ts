import type { Kysely, Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app (the engine type only), Kysely<any> only. Never edit after it landed.
//
// The group room's note on the fee (`room.fee_note`, migration 0003) in every UI language
// (issue #18), stored like the key pickup texts of migration 0063: a JSON object beside the
// German text, `{ "en": "…", "ar": "…", … }`, read and written by the app only (no JSON functions
// in SQL, so both engines take the same plain text column). German stays the binding text; a
// language without an entry shows the German one. Not null with the default '{}': every existing
// room reads as "no translation yet". The cache triggers of migration 0010 on `room` fire on any
// update, the new column included.

export function migration(_engine: Engine): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable("room").addColumn("fee_note_translations", "text", (c) => c.notNull().defaultTo("{}")).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable("room").dropColumn("fee_note_translations").execute();
    },
  };
}
