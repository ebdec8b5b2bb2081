import { sql, type Kysely, type Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app (the engine type only), Kysely<any> only. Never edit after it landed.
// Two more folded keys, as migration 0030 added for names (issue #13):
// - `volunteer_skill.skill_key`: the volunteer list's skill filter searches a part of a tag ignoring
//   case, umlauts and Arabic alef forms. With many matching tags it searched the raw `skill` with
//   LIKE, which ignores case for ASCII only on SQLite and not at all on PostgreSQL; it searches the
//   key now, and a profile's skills are listed in key order.
// - `room.name_key`: the room list (/raum, the office's rooms) sorted by the raw name, "Ökumenischer
//   Saal" after "Zirkelraum" on SQLite and by the server's locale on PostgreSQL; it sorts by the key.
// The commands that write a skill or a room name write the key with it; this migration fills the
// keys of the rows that exist. On PostgreSQL the keys are `collate "C"` (byte order, as SQLite's
// default), so both engines sort them alike whatever the server's locale.

/** The key function as of this migration (a copy of the app's `germanSortKey`; this one may never change). */
function foldKey(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/(\p{Script=Latin})\p{M}+/gu, "$1")
    .replace(/[\u064B-\u065F\u0670]/g, "")
    .replace(/\u0640/g, "")
    .replace(/\u0671/g, "\u0627")
    .replace(/ß/g, "ss")
    .normalize("NFC");
}

/** The key columns: table, key column, the text it folds (both not null). */
const KEYS = [
  { table: "volunteer_skill", key: "skill_key", source: "skill" },
  { table: "room", key: "name_key", source: "name" },
] as const;

export function migration(engine: Engine): Migration {
  // Byte order on PostgreSQL; SQLite's default collation (BINARY) already is.
  const keyType = engine === "postgres" ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<any>): Promise<void> {
      for (const k of KEYS) await db.schema.alterTable(k.table).addColumn(k.key, keyType, (c) => c.notNull().defaultTo("")).execute();
      // One update per distinct text (the same tag recurs on many profiles).
      const backfill = async (trx: Kysely<any>) => {
        for (const k of KEYS) {
          const texts = (await trx.selectFrom(k.table).select(`${k.source} as text`).distinct().execute()) as Array<{ text: string }>;
          for (const { text } of texts) await trx.updateTable(k.table).set({ [k.key]: foldKey(text) }).where(k.source, "=", text).execute();
        }
      };
      // PostgreSQL runs each migration in a transaction already; SQLite does not (no transactional DDL in Kysely).
      if (db.isTransaction) await backfill(db);
      else await db.transaction().execute(backfill);
    },

    async down(db: Kysely<any>): Promise<void> {
      for (const k of [...KEYS].reverse()) await db.schema.alterTable(k.table).dropColumn(k.key).execute();
    },
  };
}
