import type { Kysely, Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app (the engine type only), Kysely<any> only. Never edit after it landed.
//
// The group room's remaining office texts in every UI language (issue #18), stored like the
// description and the part names (migration 0026, ADR 0022): a JSON object beside the German
// text, `{ "en": "…", "ar": "…", … }`, read and written by the app only (no JSON functions in
// SQL, so both engines take the same plain text column). German stays the binding text; a
// language without an entry shows the German one.
// - `room.key_pickup_place_translations`, `room.key_pickup_hours_translations`: where and when
//   the key is collected (migration 0029), as the confirmation mail and the room page say it.
// - `room_rules.text_translations`: the house rules of that version; a changed translation is a
//   new version like a changed German text, so a booking's `rules_version` names what was shown.
// - `room_photo.alt_translations`: the photo's description for screen readers.
// Not null with the default '{}': every existing row reads as "no translation yet". The cache
// triggers of migration 0010 on these three tables fire on any update, new columns included.

const COLUMNS: Array<[table: string, column: string]> = [
  ["room", "key_pickup_place_translations"],
  ["room", "key_pickup_hours_translations"],
  ["room_rules", "text_translations"],
  ["room_photo", "alt_translations"],
];

export function migration(_engine: Engine): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      for (const [table, column] of COLUMNS) await db.schema.alterTable(table).addColumn(column, "text", (c) => c.notNull().defaultTo("{}")).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      for (const [table, column] of [...COLUMNS].reverse()) await db.schema.alterTable(table).dropColumn(column).execute();
    },
  };
}
