import { AsyncLocalStorage } from "node:async_hooks";
import type SQLite from "better-sqlite3";
import { CompiledQuery, PostgresQueryCompiler, SqliteQueryCompiler, sql, type Kysely, type KyselyPlugin } from "kysely";
import { commandTransaction, createDatabase, databaseTarget, engineOf, sameEngine, type Database } from "@db/database";
import { VIRTUAL_TABLE_SOURCES, type Engine } from "@db/dialect";
import type { DB } from "@db/schema";
import { env } from "./env.server";

let instance: { db: Database; sqlite: SQLite.Database | undefined; target: string; engine: Engine; probe: () => Promise<void> } | undefined;

/**
 * The process-wide database handle: on SQLite one connection (better-sqlite3 is synchronous), on
 * PostgreSQL a pool of DATABASE_POOL_SIZE connections.
 */
export function getDb(): Database {
  const e = env();
  const target = databaseTarget(e);
  if (!instance || instance.target !== target) {
    const created = createDatabase(target, { poolSize: e.DATABASE_POOL_SIZE });
    instance = { db: sameEngine(created.db.withPlugin(queryRecorder), created.db), sqlite: created.sqlite, target, engine: created.engine, probe: created.probe };
  }
  return instance.db;
}

/** The engine of the process's database. */
export function getEngine(): Engine {
  getDb();
  return instance!.engine;
}

/**
 * One `select 1` on the process's database, for `/healthz`: rejects when the database does not
 * answer. On PostgreSQL straight through the pool (a named statement, no query builder).
 */
export function probeDatabase(): Promise<void> {
  getDb();
  recording.getStore()?.push({ sql: "select 1", parameters: [] });
  return instance!.probe();
}

/** The raw better-sqlite3 handle (SQLite only: for tests that look at SQLite itself). */
export function getSqlite(): SQLite.Database {
  getDb();
  if (!instance!.sqlite) throw new Error("getSqlite() on PostgreSQL: this needs the SQLite engine.");
  return instance!.sqlite;
}

export async function closeDb() {
  if (instance) {
    await instance.db.destroy();
    instance = undefined;
  }
}

/**
 * One command = one transaction: BEGIN IMMEDIATE on SQLite, SERIALIZABLE with retry on PostgreSQL
 * (ADR 0026). On PostgreSQL `fn` may run more than once: it must act on the database only.
 */
export function transaction<T>(fn: (trx: Kysely<DB>) => Promise<T>, opts?: { onBusy?: (attempt: number) => void }): Promise<T> {
  return commandTransaction(getDb(), fn, opts);
}

/**
 * A read of many statements (a report) on one connection, the statements one after another. On
 * PostgreSQL the statements a read starts together (`Promise.all`) would otherwise each take a
 * pooled connection: ten reports at once put twenty backends on the machine's cores, and each
 * statement cost more CPU than it does alone (issue #13, ADR 0053). On SQLite there is one
 * connection anyway and `fn` gets the handle itself: holding its lock across the awaits would make
 * the process's other requests wait for the whole report.
 *
 * `fn` must not ask the pool for another connection (`getDb()`, `transaction`) while it holds this
 * one: with every pooled connection held by such reads, none would be left and they would wait for
 * ever. Do such work before (the report brings the volunteer facts up to date first).
 */
export function onOneConnection<T>(fn: (db: Kysely<DB>) => Promise<T>, db: Database = getDb()): Promise<T> {
  if (engineOf(db) !== "postgres") return fn(db);
  return db.connection().execute((conn) => fn(sameEngine(conn, db)));
}

/**
 * One write statement that needs no other with it (an access-log entry of a page view). On
 * PostgreSQL a single statement is its own transaction: no BEGIN and COMMIT, two round trips fewer
 * on every page that logs a view (issue #13). On SQLite it goes through `transaction` like every
 * write, whose wait for another process's lock does not block this process (ADR 0002).
 */
export function singleStatementWrite<T>(write: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  return getEngine() === "postgres" ? write(getDb()) : transaction(write);
}

export type { Database };

// ---------------------------------------------------------------- which tables a piece of work reads

export type RecordedQuery = { sql: string; parameters: readonly unknown[] };
const recording = new AsyncLocalStorage<RecordedQuery[]>();
const compilers = { sqlite: new SqliteQueryCompiler(), postgres: new PostgresQueryCompiler() };

/** Notes the SQL of every query run through `getDb()` (and `probeDatabase`) while `recordQueries` is active (nothing otherwise). */
const queryRecorder: KyselyPlugin = {
  transformQuery(args) {
    const log = recording.getStore();
    if (log) {
      const { sql, parameters } = compilers[instance?.engine ?? "sqlite"].compileQuery(args.node, args.queryId);
      log.push({ sql, parameters });
    }
    return args.node;
  },
  transformResult: async (args) => args.result,
};

/**
 * Runs `fn` and returns the SQL of every query it ran (and only its own, also when other work
 * runs at the same time). For the tests that check that caches know what they depend on.
 */
export async function recordQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: RecordedQuery[] }> {
  const queries: RecordedQuery[] = [];
  const result = await recording.run(queries, fn);
  return { result, queries };
}

/**
 * The tables these statements read, as the engine's own plan says: on SQLite every b-tree the
 * program opens for reading (an index counting for its table), on PostgreSQL every relation of the
 * plan (`EXPLAIN (FORMAT JSON)`); raw SQL, sub-queries and views included.
 */
export async function tablesRead(queries: readonly RecordedQuery[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (getEngine() === "postgres") {
    for (const q of queries) {
      if (!/^\s*(select|with)\b/i.test(q.sql)) continue;
      const { rows } = await getDb().executeQuery<{ "QUERY PLAN": unknown }>(CompiledQuery.raw(`explain (format json) ${q.sql}`, [...q.parameters]));
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(walk);
        if (node && typeof node === "object") {
          const rec = node as Record<string, unknown>;
          if (typeof rec["Relation Name"] === "string") out.add(rec["Relation Name"]);
          Object.values(rec).forEach(walk);
        }
      };
      walk(rows[0]?.["QUERY PLAN"]);
    }
    return out;
  }
  const sqlite = getSqlite();
  const byRoot = new Map(sqlite.prepare("select rootpage, tbl_name from sqlite_master where rootpage > 0").all().map((r) => [(r as { rootpage: number }).rootpage, (r as { tbl_name: string }).tbl_name]));
  for (const q of queries) {
    if (!/^\s*(select|with|insert|update|delete)\b/i.test(q.sql)) continue;
    const bind = q.parameters.map((v) => (typeof v === "boolean" ? Number(v) : v));
    for (const op of sqlite.prepare(`explain ${q.sql}`).all(...bind) as Array<{ opcode: string; p2: number; p3: number }>) {
      if (op.opcode === "OpenRead" && op.p3 === 0 && byRoot.has(op.p2)) out.add(byRoot.get(op.p2)!);
    }
    // A virtual table (the offers' FTS5 index, migration 0057) reads its own shadow tables behind the
    // program's back: it counts as the tables it is built from; an unknown one as itself (so no
    // scope covers it and the cache check fails closed).
    for (const row of sqlite.prepare(`explain query plan ${q.sql}`).all(...bind) as Array<{ detail: string }>) {
      const m = /^(?:SCAN|SEARCH) (\w+) VIRTUAL TABLE/.exec(row.detail);
      if (m) for (const t of VIRTUAL_TABLE_SOURCES[m[1]] ?? [m[1]]) out.add(t);
    }
  }
  return out;
}

/**
 * Which tables invalidate which cache scope: the triggers that bump the scope (migrations 0010,
 * 0013, 0017), read from the database itself.
 */
export async function tablesOfScopes(): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  const add = (scope: string, table: string) => {
    const tables = out.get(scope) ?? new Set<string>();
    tables.add(table);
    out.set(scope, tables);
  };
  if (getEngine() === "postgres") {
    const { rows } = await sql<{ tbl: string; def: string }>`
      select c.relname as tbl, pg_get_triggerdef(t.oid) as def
      from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where not t.tgisinternal`.execute(getDb());
    for (const r of rows) {
      const m = /execute function bump_cache_scope\('(\w+)'\)/i.exec(r.def);
      if (m) add(m[1], r.tbl);
    }
    return out;
  }
  for (const r of getSqlite().prepare("select tbl_name, sql from sqlite_master where type = 'trigger'").all() as Array<{ tbl_name: string; sql: string }>) {
    const m = /update\s+cache_scope\s+set\s+version\s*=\s*version\s*\+\s*1\s+where\s+scope\s*=\s*'(\w+)'/i.exec(r.sql);
    if (m) add(m[1], r.tbl_name);
  }
  return out;
}
