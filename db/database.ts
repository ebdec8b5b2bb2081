import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, sql, type Transaction } from "kysely";
import { dualMigrations, migrations } from "./migrations/index";
import { currentEngine } from "./dialect";
import type { DB } from "./schema";

/** Statements outside transactions wait this long for a busy database (synchronously). */
const BUSY_TIMEOUT_MS = 5000;
/** A transaction waits this long (asynchronously) for the write lock. */
const LOCK_WAIT_MS = 15_000;

export type Database = Kysely<DB>;
/** Repository functions take either the database or a transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

export function openSqlite(file: string): SQLite.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  sqlite.pragma("synchronous = NORMAL");
  return sqlite;
}

/**
 * better-sqlite3 compiles SQL on every `prepare()`, and Kysely prepares every query anew. The same
 * SQL text (values are bound separately) recurs on every request, so the compiled statements are
 * kept per connection, the least recently used dropped beyond `size`. SQLite recompiles a kept
 * statement by itself when the schema changes.
 */
export function withStatementCache(sqlite: SQLite.Database, size = 1000) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(text: string): SQLite.Statement {
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, statement);
      return statement;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
}

export function createDatabase(file: string): { db: Database; sqlite: SQLite.Database } {
  const sqlite = openSqlite(file);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, sqlite };
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    // The dual-engine migrations (0030 on) are functions of the configured engine.
    provider: { getMigrations: async () => ({ ...migrations, ...Object.fromEntries(Object.entries(dualMigrations).map(([name, m]) => [name, m(currentEngine())])) }) },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(
      `Migration failed${failed ? ` at ${failed.migrationName}` : ""}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_BUSY_SNAPSHOT";
}

/**
 * Runs `fn` in a `BEGIN IMMEDIATE` transaction: the write lock is taken at the start, so
 * two commands that read-check-write the same rows (a slot, a stock) are serialised across
 * processes. Kysely's own `transaction()` issues a deferred BEGIN, which is why this helper
 * exists. better-sqlite3 waits for a busy database synchronously (blocking the event loop),
 * so the lock is asked for without waiting (busy_timeout 0) and asked again after a short
 * back-off until LOCK_WAIT_MS. Between two tries the process's connection is given back, so
 * the worker's reads go on while another process holds the write lock (ADR 0002); once the
 * lock is taken, the connection is kept until commit or rollback. Statements outside
 * transactions keep the normal busy_timeout.
 */
export async function immediateTransaction<T>(
  db: Database,
  fn: (trx: Kysely<DB>) => Promise<T>,
  opts: { onBusy?: (attempt: number) => void } = {},
): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    const outcome = await db.connection().execute(async (conn): Promise<{ busy: true } | { busy: false; result: T }> => {
      await sql`pragma busy_timeout = 0`.execute(conn);
      try {
        await sql`begin immediate`.execute(conn);
      } catch (error) {
        if (isBusy(error) && Date.now() <= deadline) return { busy: true };
        throw error;
      } finally {
        await sql.raw(`pragma busy_timeout = ${BUSY_TIMEOUT_MS}`).execute(conn);
      }
      try {
        const result = await fn(conn);
        await sql`commit`.execute(conn);
        return { busy: false, result };
      } catch (error) {
        await sql`rollback`.execute(conn);
        throw error;
      }
    });
    if (!outcome.busy) return outcome.result;
    opts.onBusy?.(attempt);
    // The connection is free here: other queries of this process run while we wait.
    await new Promise((r) => setTimeout(r, Math.min(2 ** attempt, 20) + Math.random() * 3));
  }
}
