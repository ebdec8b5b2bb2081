/**
 * Both engines end with the same schema (issue #13, ADR 0025): the migrations are run on a fresh
 * SQLite file and a fresh PostgreSQL database, and tables, columns (kind, null, default present),
 * primary keys, unique column sets, named indexes, foreign keys and the number of check
 * constraints are compared. Needs a PostgreSQL server: TEST_DATABASE_URL.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, migrateToLatest } from "../../../db/database";
import { createTestPostgresDatabase, testPostgresUrl } from "../../setup/postgres";

type Schema = Record<
  string,
  {
    columns: Record<string, { kind: string; notNull: boolean; hasDefault: boolean }>;
    primaryKey: string[];
    unique: string[];
    indexes: string[];
    foreignKeys: string[];
    checks: number;
  }
>;

/** What only PostgreSQL has, on purpose (db/migrations/postgres/2026-11-21_0000_postgres_functions.ts). */
const POSTGRES_ONLY = new Set(["cache_scope_bump"]);
/** PostgreSQL-only parts of shared tables (migration 0031: the database itself refuses overlapping bookings, ADR 0026). */
const POSTGRES_ONLY_COLUMNS: Record<string, string[]> = {
  booking: ["busy_span"],
  // migration 0057: the full-text vectors, generated from `search_key` (SQLite: the FTS5 table below)
  association_offer: ["search_vector"],
  association_offer_text: ["search_vector"],
};
const POSTGRES_ONLY_CHECKS = new Set(["booking_confirmed_has_span"]);
/**
 * PostgreSQL-only indexes (migration 0053: trigrams for the name search, an index type SQLite lacks;
 * migration 0057: GIN indexes on the offers' generated tsvector columns, full text, ADR 0046).
 */
const POSTGRES_ONLY_INDEXES = new Set(["user_name_key_trgm_idx", "association_offer_search_idx", "association_offer_text_search_idx"]);
/**
 * SQLite-only tables (migration 0057: the offers' FTS5 index and the shadow tables FTS5 keeps for it;
 * PostgreSQL indexes the same words in the generated `search_vector` columns above).
 */
const SQLITE_ONLY = new Set(["association_offer_fts", "association_offer_fts_config", "association_offer_fts_data", "association_offer_fts_docsize", "association_offer_fts_idx"]);
const MIGRATOR_TABLES = new Set(["kysely_migration", "kysely_migration_lock"]);

const kindOf = (declared: string): string => {
  const t = declared.toLowerCase();
  if (/^(integer|int|bigint|smallint)/.test(t)) return "integer";
  if (/^(real|double|float|numeric)/.test(t)) return "real";
  if (/^(text|character varying|varchar|char)/.test(t)) return "text";
  if (/^(blob|bytea)/.test(t)) return "blob";
  return t;
};

async function sqliteSchema(db: Kysely<any>): Promise<Schema> {
  const out: Schema = {};
  const { rows: tables } = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
  for (const t of tables) {
    if (MIGRATOR_TABLES.has(t.name) || SQLITE_ONLY.has(t.name)) continue;
    const { rows: cols } = await sql<{ name: string; type: string; notnull: number; dflt_value: unknown; pk: number }>`select * from pragma_table_info(${t.name})`.execute(db);
    const { rows: idx } = await sql<{ name: string; unique: number; origin: string; partial: number }>`select * from pragma_index_list(${t.name})`.execute(db);
    const { rows: fks } = await sql<{ table: string; from: string; to: string; on_delete: string }>`select * from pragma_foreign_key_list(${t.name})`.execute(db);
    const columnsOf = async (index: string) =>
      (await sql<{ name: string }>`select name from pragma_index_info(${index}) order by seqno`.execute(db)).rows.map((r) => r.name).join(",");
    const unique: string[] = [];
    const indexes: string[] = [];
    for (const i of idx) {
      if (i.origin === "pk") continue;
      const cols2 = await columnsOf(i.name);
      if (i.unique) unique.push(cols2);
      if (i.origin === "c") indexes.push(`${i.name}(${cols2})${i.unique ? " unique" : ""}${i.partial ? " partial" : ""}`);
    }
    out[t.name] = {
      columns: Object.fromEntries(
        // An `integer primary key` is SQLite's row id: numbered by the database, like an identity column.
        cols.map((c) => {
          const rowId = c.pk > 0 && cols.filter((o) => o.pk > 0).length === 1 && kindOf(c.type) === "integer";
          return [c.name, { kind: kindOf(c.type), notNull: !!c.notnull || c.pk > 0, hasDefault: c.dflt_value !== null || rowId }];
        }),
      ),
      primaryKey: cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
      unique: unique.sort(),
      indexes: indexes.sort(),
      foreignKeys: fks.map((f) => `${f.from}->${f.table}.${f.to} on delete ${f.on_delete.toLowerCase()}`).sort(),
      checks: (t.sql.match(/\bcheck\s*\(/gi) ?? []).length,
    };
  }
  return out;
}

async function postgresSchema(db: Kysely<any>): Promise<Schema> {
  const out: Schema = {};
  const { rows: tables } = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db);
  for (const { name } of tables) {
    if (MIGRATOR_TABLES.has(name) || POSTGRES_ONLY.has(name)) continue;
    const { rows: cols } = await sql<{ column_name: string; data_type: string; is_nullable: string; column_default: string | null; is_identity: string }>`
      select column_name, data_type, is_nullable, column_default, is_identity from information_schema.columns
      where table_schema = 'public' and table_name = ${name} order by ordinal_position`.execute(db);
    const shared = cols.filter((c) => !POSTGRES_ONLY_COLUMNS[name]?.includes(c.column_name));
    const { rows: idx } = await sql<{ name: string; unique: boolean; primary: boolean; partial: boolean; constraint: boolean; cols: string }>`
      select i.relname as name, x.indisunique as unique, x.indisprimary as primary, x.indpred is not null as partial,
             exists (select 1 from pg_constraint c where c.conindid = x.indexrelid) as constraint,
             (select string_agg(a.attname, ',' order by k.ord) from unnest(x.indkey) with ordinality k(attnum, ord)
                join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum) as cols
      from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
      where t.relname = ${name} and t.relnamespace = 'public'::regnamespace`.execute(db);
    const { rows: fks } = await sql<{ def: string; cols: string; ftable: string; fcols: string; deltype: string }>`
      select (select string_agg(a.attname, ',') from pg_attribute a where a.attrelid = c.conrelid and a.attnum = any (c.conkey)) as cols,
             f.relname as ftable,
             (select string_agg(a.attname, ',') from pg_attribute a where a.attrelid = c.confrelid and a.attnum = any (c.confkey)) as fcols,
             c.confdeltype as deltype, '' as def
      from pg_constraint c join pg_class f on f.oid = c.confrelid
      where c.contype = 'f' and c.conrelid = ${sql.lit(`public."${name}"`)}::regclass`.execute(db);
    const { rows: checks } = await sql<{ n: number }>`
      select count(*) as n from pg_constraint
      where contype = 'c' and conrelid = ${sql.lit(`public."${name}"`)}::regclass and not (conname = any (${[...POSTGRES_ONLY_CHECKS]}))`.execute(db);
    const onDelete: Record<string, string> = { a: "no action", r: "restrict", c: "cascade", n: "set null", d: "set default" };
    out[name] = {
      columns: Object.fromEntries(
        shared.map((c) => [
          c.column_name,
          { kind: kindOf(c.data_type), notNull: c.is_nullable === "NO", hasDefault: c.column_default !== null || c.is_identity === "YES" },
        ]),
      ),
      primaryKey: (idx.find((i) => i.primary)?.cols ?? "").split(",").filter(Boolean),
      unique: idx.filter((i) => i.unique && !i.primary).map((i) => i.cols).sort(),
      indexes: idx
        .filter((i) => !i.primary && !i.constraint && !POSTGRES_ONLY_INDEXES.has(i.name))
        .map((i) => `${i.name}(${i.cols})${i.unique ? " unique" : ""}${i.partial ? " partial" : ""}`)
        .sort(),
      foreignKeys: fks.map((f) => `${f.cols}->${f.ftable}.${f.fcols} on delete ${onDelete[f.deltype]}`).sort(),
      checks: Number(checks[0].n),
    };
  }
  return out;
}

// Skipped without TEST_DATABASE_URL: this comparison needs a PostgreSQL server (`npm test` says how
// to include it; .ci/run always does).
// Skipped on SQLite (reason): the comparison needs a PostgreSQL server (TEST_DATABASE_URL); .ci/run always has one.
describe.skipIf(!testPostgresUrl())("the schema on both engines", () => {
  let sqliteDb: Kysely<any>;
  let pgDb: Kysely<any>;
  let drop: () => Promise<void>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eh-schema-"));

  beforeAll(async () => {
    sqliteDb = createDatabase(path.join(dir, "schema.sqlite")).db;
    const target = await createTestPostgresDatabase("eh_schema");
    drop = target.drop;
    pgDb = createDatabase(target.url).db;
    await migrateToLatest(sqliteDb);
    await migrateToLatest(pgDb);
  });

  afterAll(async () => {
    await sqliteDb?.destroy();
    await pgDb?.destroy();
    await drop?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("has the same tables, columns, keys, indexes, foreign keys and checks", async () => {
    const lite = await sqliteSchema(sqliteDb);
    const pg = await postgresSchema(pgDb);
    expect(Object.keys(lite).length).toBeGreaterThan(30);
    expect(Object.keys(pg).sort()).toEqual(Object.keys(lite).sort());
    const differences = Object.keys(lite).flatMap((table) =>
      (Object.keys(lite[table]) as Array<keyof Schema[string]>)
        .filter((part) => JSON.stringify(pg[table]?.[part]) !== JSON.stringify(lite[table][part]))
        .map((part) => `${table}.${part}: SQLite ${JSON.stringify(lite[table][part])} ≠ PostgreSQL ${JSON.stringify(pg[table]?.[part])}`),
    );
    expect(differences).toEqual([]);
  });

  it("the comparison sees a difference (it can fail)", async () => {
    await sql`alter table district add column only_here integer`.execute(pgDb);
    const pg = await postgresSchema(pgDb);
    const lite = await sqliteSchema(sqliteDb);
    expect(pg.district).not.toEqual(lite.district);
    await sql`alter table district drop column only_here`.execute(pgDb);
  });
});
