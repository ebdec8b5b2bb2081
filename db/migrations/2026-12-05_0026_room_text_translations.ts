import type { Kysely } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
// Room texts that visitors read in their language (issue 12, item 9; ADR 0022): the office may
// enter a translation of a room's description and of each bookable part's name per UI language.
// Stored beside the German text as a JSON object `{ "en": "…", "ar": "…", "uk": "…" }` (read and
// written by the app only, no JSON functions in SQL), so the existing cache triggers on `room` and
// `room_part` already drop the cached public pages when a translation changes.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("room").addColumn("description_translations", "text", (c) => c.notNull().defaultTo("{}")).execute();
  await db.schema.alterTable("room_part").addColumn("name_translations", "text", (c) => c.notNull().defaultTo("{}")).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("room_part").dropColumn("name_translations").execute();
  await db.schema.alterTable("room").dropColumn("description_translations").execute();
}
