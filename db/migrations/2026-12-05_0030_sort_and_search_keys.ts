import { sql, type Kysely, type Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app (the engine type only), Kysely<any> only. Never edit after it landed.
// Names sort in German order and are searched ignoring case, umlauts and Arabic alef forms on both
// engines (issue #13). Neither engine can do that itself (SQLite compares bytes and folds ASCII
// only; better-sqlite3 cannot register collations; PostgreSQL follows the server's locale and its
// LIKE is case-sensitive), so the folded text is stored next to the text and kept by the commands
// that write it: lists order by the key, searches use LIKE on it. The user list index of 0014
// (name, id) becomes (name_key, name, id).
//
// On PostgreSQL the keys are `collate "C"` (byte order, as SQLite's default), so both engines sort
// the keys alike whatever the server's locale.

/** The key function as of this migration (a copy: the app's `germanSortKey` may change later, this one may not). */
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

/** The key columns: table, key column, the text it folds, whether the text may be null. */
const KEYS = [
  { table: "user", key: "name_key", source: "name", nullable: false },
  { table: "organisation", key: "name_key", source: "name", nullable: false },
  { table: "cover_evidence", key: "name_key", source: "name", nullable: false },
  { table: "household", key: "contact_name_key", source: "contact_name", nullable: true },
  { table: "assignment", key: "activity_key", source: "activity", nullable: false },
] as const;

export function migration(engine: Engine): Migration {
  // Byte order on PostgreSQL; SQLite's default collation (BINARY) already is.
  const keyType = engine === "postgres" ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<any>): Promise<void> {
      for (const k of KEYS) {
        await db.schema
          .alterTable(k.table)
          .addColumn(k.key, keyType, (c) => (k.nullable ? c : c.notNull().defaultTo("")))
          .execute();
      }
      // One update per distinct text (activities repeat a lot; names less).
      const backfill = async (trx: Kysely<any>) => {
        for (const k of KEYS) {
          const texts = (await trx.selectFrom(k.table).select(`${k.source} as text`).distinct().where(k.source, "is not", null).execute()) as Array<{ text: string }>;
          for (const { text } of texts) await trx.updateTable(k.table).set({ [k.key]: foldKey(text) }).where(k.source, "=", text).execute();
        }
      };
      // PostgreSQL runs each migration in a transaction already; SQLite does not (no transactional DDL in Kysely).
      if (db.isTransaction) await backfill(db);
      else await db.transaction().execute(backfill);
      await db.schema.createIndex("user_name_key_idx").on("user").columns(["name_key", "name", "id"]).execute();
      await db.schema.dropIndex("user_name_id_idx").ifExists().execute();
      await db.schema.createIndex("organisation_name_key_idx").on("organisation").columns(["name_key", "name", "id"]).execute();
      await sql`analyze "user"`.execute(db);
    },

    async down(db: Kysely<any>): Promise<void> {
      await db.schema.createIndex("user_name_id_idx").ifNotExists().on("user").columns(["name", "id"]).execute();
      await db.schema.dropIndex("user_name_key_idx").ifExists().execute();
      await db.schema.dropIndex("organisation_name_key_idx").ifExists().execute();
      for (const k of [...KEYS].reverse()) await db.schema.alterTable(k.table).dropColumn(k.key).execute();
    },
  };
}
