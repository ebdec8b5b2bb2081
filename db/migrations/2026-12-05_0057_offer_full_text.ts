import { sql, type Kysely, type Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app (the engine type only), Kysely<any> only. Never edit after it landed.
//
// Full-text search for the public offers directory /angebote (issue #15, ADR 0046), replacing the
// `like '%…%'` over the folded keys of migration 0049:
// - `search_key` of `association_offer` and `association_offer_text` now holds the folded words of
//   the title, a line break, the folded words of the description (letters, digits and marks only,
//   one space between words: `titledSearchKey` in app/utils/text-keys.ts), so both engines index
//   the same words. Existing rows are rewritten below with a frozen copy of that function.
// - SQLite: the FTS5 table `association_offer_fts` (columns title, body; contentless with delete,
//   so the text is not stored twice), one row per text: row id = offer id × 1024 + the language
//   slot (0 German, else from the two letters of the locale: (a..z) × 32 + (a..z), below 1024).
//   Triggers on both tables keep it current in the writing transaction, whoever writes.
// - PostgreSQL: a generated `search_vector` (tsvector, 'simple' configuration: no stemming, the
//   words are folded already; title weight A, description B) on both tables, each with a GIN index.
// The directory's page cache needs nothing new: the index follows two tables that already bump
// the scope "organisations" (migrations 0037, 0049).

const FOLD_LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu;
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

function words(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(FOLD_LATIN_MARKS, "$1")
    .replace(/[\u064B-\u065F\u0670]/g, "")
    .replace(/\u0640/g, "")
    .replace(/\u0671/g, "\u0627")
    .replace(/ß/g, "ss")
    .normalize("NFC")
    .replace(NOT_WORD, " ")
    .trim();
}
const key = (title: string, description: string) => `${words(title)}\n${words(description)}`;

// SQLite: the title and the body of a stored key (no line break: all title).
const title = (k: string) => `case when instr(${k}, char(10)) > 0 then substr(${k}, 1, instr(${k}, char(10)) - 1) else ${k} end`;
const body = (k: string) => `case when instr(${k}, char(10)) > 0 then substr(${k}, instr(${k}, char(10)) + 1) else '' end`;
const slot = (locale: string) => `((unicode(substr(${locale}, 1, 1)) - 96) * 32 + (unicode(substr(${locale}, 2, 1)) - 96))`;
const insertRow = (rowid: string, k: string) => `insert into association_offer_fts (rowid, title, body) values (${rowid}, ${title(k)}, ${body(k)});`;
const deleteRow = (rowid: string) => `delete from association_offer_fts where rowid = ${rowid};`;

const SQLITE_TRIGGERS: Record<string, string> = {
  association_offer_fts_insert: `create trigger association_offer_fts_insert after insert on association_offer begin ${insertRow("new.id * 1024", "new.search_key")} end`,
  association_offer_fts_update: `create trigger association_offer_fts_update after update of search_key on association_offer begin ${deleteRow("old.id * 1024")} ${insertRow("new.id * 1024", "new.search_key")} end`,
  association_offer_fts_delete: `create trigger association_offer_fts_delete after delete on association_offer begin ${deleteRow("old.id * 1024")} end`,
  association_offer_text_fts_insert: `create trigger association_offer_text_fts_insert after insert on association_offer_text begin ${insertRow(`new.offer_id * 1024 + ${slot("new.locale")}`, "new.search_key")} end`,
  association_offer_text_fts_update: `create trigger association_offer_text_fts_update after update of offer_id, locale, search_key on association_offer_text begin ${deleteRow(`old.offer_id * 1024 + ${slot("old.locale")}`)} ${insertRow(`new.offer_id * 1024 + ${slot("new.locale")}`, "new.search_key")} end`,
  association_offer_text_fts_delete: `create trigger association_offer_text_fts_delete after delete on association_offer_text begin ${deleteRow(`old.offer_id * 1024 + ${slot("old.locale")}`)} end`,
};

// PostgreSQL: the same split, weighted.
const PG_VECTOR = `setweight(to_tsvector('simple'::regconfig, split_part(search_key, E'\\n', 1)), 'A') || setweight(to_tsvector('simple'::regconfig, case when strpos(search_key, E'\\n') > 0 then substr(search_key, strpos(search_key, E'\\n') + 1) else '' end), 'B')`;

async function rewriteKeys(db: Kysely<any>) {
  const offers = (await db.selectFrom("association_offer").select(["id", "title", "description"]).execute()) as Array<{ id: number; title: string; description: string }>;
  for (const o of offers) await db.updateTable("association_offer").set({ search_key: key(o.title, o.description) }).where("id", "=", o.id).execute();
  const texts = (await db.selectFrom("association_offer_text").select(["offer_id", "locale", "title", "description"]).execute()) as Array<{ offer_id: number; locale: string; title: string; description: string }>;
  for (const t of texts) await db.updateTable("association_offer_text").set({ search_key: key(t.title, t.description) }).where("offer_id", "=", t.offer_id).where("locale", "=", t.locale).execute();
}

export function migration(engine: Engine): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (db.isTransaction) await rewriteKeys(db);
      else await db.transaction().execute(rewriteKeys);
      if (engine === "postgres") {
        for (const table of ["association_offer", "association_offer_text"]) {
          await sql.raw(`alter table "${table}" add column search_vector tsvector generated always as (${PG_VECTOR}) stored`).execute(db);
          await sql.raw(`create index ${table}_search_idx on "${table}" using gin (search_vector)`).execute(db);
        }
        return;
      }
      await sql
        .raw(`create virtual table association_offer_fts using fts5(title, body, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M*'")`)
        .execute(db);
      for (const statement of Object.values(SQLITE_TRIGGERS)) await sql.raw(statement).execute(db);
      await sql.raw(`insert into association_offer_fts (rowid, title, body) select id * 1024, ${title("search_key")}, ${body("search_key")} from association_offer`).execute(db);
      await sql
        .raw(`insert into association_offer_fts (rowid, title, body) select offer_id * 1024 + ${slot("locale")}, ${title("search_key")}, ${body("search_key")} from association_offer_text`)
        .execute(db);
    },

    async down(db: Kysely<any>): Promise<void> {
      if (engine === "postgres") {
        for (const table of ["association_offer", "association_offer_text"]) {
          await sql.raw(`drop index if exists ${table}_search_idx`).execute(db);
          await sql.raw(`alter table "${table}" drop column if exists search_vector`).execute(db);
        }
        return;
      }
      for (const name of Object.keys(SQLITE_TRIGGERS)) await sql.raw(`drop trigger if exists ${name}`).execute(db);
      await sql.raw("drop table if exists association_offer_fts").execute(db);
    },
  };
}
