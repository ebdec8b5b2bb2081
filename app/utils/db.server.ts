import { AsyncLocalStorage } from "node:async_hooks";
import type SQLite from "better-sqlite3";
import { SqliteQueryCompiler, type Kysely, type KyselyPlugin } from "kysely";
import { createDatabase, immediateTransaction, type Database } from "@db/database";
import type { DB } from "@db/schema";
import { env } from "./env.server";

let instance: { db: Database; sqlite: SQLite.Database; file: string } | undefined;

/** The process-wide database handle (one connection; better-sqlite3 is synchronous). */
export function getDb(): Database {
  const file = env().DATABASE_PATH;
  if (!instance || instance.file !== file) {
    const created = createDatabase(file);
    instance = { db: created.db.withPlugin(queryRecorder), sqlite: created.sqlite, file };
  }
  return instance.db;
}

export function getSqlite(): SQLite.Database {
  getDb();
  return instance!.sqlite;
}

export async function closeDb() {
  if (instance) {
    await instance.db.destroy();
    instance = undefined;
  }
}

/** One command = one immediate transaction. */
export function transaction<T>(fn: (trx: Kysely<DB>) => Promise<T>, opts?: { onBusy?: (attempt: number) => void }): Promise<T> {
  return immediateTransaction(getDb(), fn, opts);
}

export type { Database };

// ---------------------------------------------------------------- which tables a piece of work reads

export type RecordedQuery = { sql: string; parameters: readonly unknown[] };
const recording = new AsyncLocalStorage<RecordedQuery[]>();
const compiler = new SqliteQueryCompiler();

/** Notes the SQL of every query run through `getDb()` while `recordQueries` is active (nothing otherwise). */
const queryRecorder: KyselyPlugin = {
  transformQuery(args) {
    const log = recording.getStore();
    if (log) {
      const { sql, parameters } = compiler.compileQuery(args.node, args.queryId);
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
 * The tables these statements read, as SQLite's own plan says (every b-tree the program opens for
 * reading, an index counting for its table): raw SQL, sub-queries and views included.
 */
export function tablesRead(queries: readonly RecordedQuery[]): Set<string> {
  const sqlite = getSqlite();
  const byRoot = new Map(sqlite.prepare("select rootpage, tbl_name from sqlite_master where rootpage > 0").all().map((r) => [(r as { rootpage: number }).rootpage, (r as { tbl_name: string }).tbl_name]));
  const out = new Set<string>();
  for (const q of queries) {
    if (!/^\s*(select|with|insert|update|delete)\b/i.test(q.sql)) continue;
    const bind = q.parameters.map((v) => (typeof v === "boolean" ? Number(v) : v));
    for (const op of sqlite.prepare(`explain ${q.sql}`).all(...bind) as Array<{ opcode: string; p2: number; p3: number }>) {
      if (op.opcode === "OpenRead" && op.p3 === 0 && byRoot.has(op.p2)) out.add(byRoot.get(op.p2)!);
    }
  }
  return out;
}

/**
 * Which tables invalidate which cache scope: the triggers that bump `cache_scope` (migrations
 * 0010, 0013, 0017), read from the database itself.
 */
export function tablesOfScopes(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of getSqlite().prepare("select tbl_name, sql from sqlite_master where type = 'trigger'").all() as Array<{ tbl_name: string; sql: string }>) {
    const m = /update\s+cache_scope\s+set\s+version\s*=\s*version\s*\+\s*1\s+where\s+scope\s*=\s*'(\w+)'/i.exec(r.sql);
    if (!m) continue;
    const tables = out.get(m[1]) ?? new Set<string>();
    tables.add(r.tbl_name);
    out.set(m[1], tables);
  }
  return out;
}
