import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, type LogConfig, PostgresDialect, SqliteDialect, sql, type PostgresPool, type PostgresPoolClient, type Transaction } from "kysely";
import pg from "pg";
import { engineOfUrl, type Engine } from "./dialect";
import { migrationsFor, postgresMigrationPlugin } from "./migrations/index";
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

/** At most this many named statements per PostgreSQL connection; further texts go unnamed. */
export const PREPARED_PER_CONNECTION = 1000;
/** Longer texts (generated bulk inserts, long IN lists) are rarely repeated: they go unnamed. */
const PREPARED_MAX_TEXT = 4000;
/**
 * A search for a user's text (`like $n escape`, app/utils/like.server.ts): how many rows the pattern
 * matches decides the best plan ("busch" in 8 % of the names: walk the list's order and stop after a
 * page; a rare name: gather its few rows and sort them). A generic plan cannot know; such texts go
 * unnamed, so PostgreSQL plans each for its pattern (bench: the confirmed hours of "busch" 20 → 8 ms
 * of the backends' time).
 */
const SEARCH_PATTERN = / like \$\d+ escape /i;
/**
 * A query that reads: a text without parameters is prepared too when it is one (a list's page with
 * its size in the text, ADR 0054); other texts without parameters (transaction control, DDL) stay
 * unnamed.
 */
const READS = /^\s*(select|with)\b/i;
/** PostgreSQL's answer when a table changed under a prepared `select *` (a migration by another process). */
const PLAN_CHANGED = /cached plan must not change result type/;

/**
 * PostgreSQL: every query text with parameters becomes a named statement, prepared once per
 * connection, as the SQLite side keeps its compiled statements (`withStatementCache`). `pg` sends a
 * query without a name as an unnamed statement, which the server parses and plans on every
 * request: on the office pages that was 43–78 % of the backends' CPU (docs/benchmarks.md, stop 13).
 * A named statement is parsed once, and after five executions PostgreSQL may keep a generic plan
 * when it costs no more than the custom ones (its own rule, `plan_cache_mode = auto`).
 *
 * Bounded per connection (`PREPARED_PER_CONNECTION`); texts without parameters that do not read
 * (transaction control, DDL), very long texts and searches for a user's text (`SEARCH_PATTERN`)
 * stay unnamed. A read without parameters (a list's first page with its size and offset in the
 * text, ADR 0054) is prepared and planned once. When another process's
 * migration changed a table under a prepared statement, the query is answered unnamed and the
 * connection prepares the new text under a new name from then on.
 */
function withPreparedStatements(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const nameOf = new Map<string, string>();
  const nameFor = (text: string): string => {
    let name = nameOf.get(text);
    if (!name) {
      name = `k${createHash("sha1").update(text).digest("base64url").slice(0, 22)}`;
      if (nameOf.size >= 5000) nameOf.delete(nameOf.keys().next().value!);
      nameOf.set(text, name);
    }
    return name;
  };
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const prepared = new Set<string>();
    let generation = 0;
    return {
      query: ((textOrCursor: unknown, parameters?: ReadonlyArray<unknown>) => {
        if (typeof textOrCursor !== "string") return client.query(textOrCursor as never);
        const values = parameters ? [...parameters] : [];
        if ((values.length === 0 && !READS.test(textOrCursor)) || textOrCursor.length > PREPARED_MAX_TEXT || SEARCH_PATTERN.test(textOrCursor)) return client.query(textOrCursor, values);
        const name = `${nameFor(textOrCursor)}${generation ? `_${generation}` : ""}`;
        if (!prepared.has(name) && prepared.size >= PREPARED_PER_CONNECTION) return client.query(textOrCursor, values);
        prepared.add(name);
        return client.query({ name, text: textOrCursor, values }).catch((error: unknown) => {
          if (!(error instanceof Error) || !PLAN_CHANGED.test(error.message)) throw error;
          generation++;
          prepared.clear();
          return client.query(textOrCursor, values);
        });
      }) as unknown as PostgresPoolClient["query"],
      release: () => client.release(),
    };
  };
  return {
    async connect() {
      const client = await pool.connect();
      let w = wrapped.get(client);
      if (!w) {
        w = wrap(client);
        wrapped.set(client, w);
      }
      return w;
    },
    end: () => pool.end(),
  };
}

/**
 * `SQL_TRACE=1`: every query's text and time on stderr, for finding what a page costs
 * (`npx tsx scripts/bench/render.ts --n 1 …`). Off otherwise (Kysely then logs nothing).
 */
const sqlTrace: LogConfig | undefined = process.env.SQL_TRACE
  ? (event) => void process.stderr.write(`[sql ${event.queryDurationMillis.toFixed(3)} ms${event.level === "error" ? " ERROR" : ""}] ${event.query.sql.replace(/\s+/g, " ")}\n`)
  : undefined;

/** See `createDatabase`: the planner setting for SSD storage, per session. */
export const POSTGRES_RANDOM_PAGE_COST = 1.1;

/**
 * How long an idle pooled connection to PostgreSQL is kept (ms). A connection's backend holds the
 * app's prepared statements and their plans (ADR 0054) and its catalogue caches; at the pool's own
 * default (10 s) a process that paused for a few seconds more reconnected, prepared and planned
 * every statement again on each of its connections (ADR 0056).
 */
export const POSTGRES_IDLE_TIMEOUT_MS = 5 * 60_000;

/** What each database handle was configured as (configuration, never detected from the connection). */
const engines = new WeakMap<Kysely<any>, Engine>();

/** The engine a handle made by `createDatabase` (or derived from one with `withPlugin`) runs on. */
export function engineOf(db: Kysely<any>): Engine {
  const engine = engines.get(db);
  if (!engine) throw new Error("This database handle was not made by createDatabase (engine unknown).");
  return engine;
}

/** Registers a handle derived from a configured one (`db.withPlugin(…)`) under the same engine. */
export function sameEngine<T extends Kysely<any>>(derived: T, from: Kysely<any>): T {
  engines.set(derived, engineOf(from));
  return derived;
}

// PostgreSQL answers 64-bit integers (count(*), sum of integers) and numerics as strings; the app's
// figures are far below 2^53, and SQLite answers numbers: both engines give the app numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/**
 * A database handle for `target`: a `postgres://…` URL (a pool of `poolSize` connections) or a
 * SQLite file path. `sqlite` is the raw better-sqlite3 handle (SQLite only: backups, tests).
 */
export function createDatabase(target: string, opts: { poolSize?: number } = {}): { db: Database; sqlite: SQLite.Database | undefined; engine: Engine; probe: () => Promise<void> } {
  if (engineOfUrl(target) === "postgres") {
    // The planner's cost of a random page read, for the sessions of this app only (ADR 0049): at
    // the server's default (4, for spinning disks) PostgreSQL scanned whole tables where an index
    // answers (the volunteer count, an association's volunteers); 1.1 is the usual setting for SSD
    // storage. A DATABASE_URL with its own `options` parameter keeps the server's setting.
    const ownOptions = new URL(target).searchParams.has("options");
    // Idle connections are kept for minutes (POSTGRES_IDLE_TIMEOUT_MS) but never keep a script's
    // process alive once nothing else does (`allowExitOnIdle`).
    const pool = new pg.Pool({
      connectionString: target,
      max: opts.poolSize ?? 10,
      idleTimeoutMillis: POSTGRES_IDLE_TIMEOUT_MS,
      allowExitOnIdle: true,
      ...(ownOptions ? {} : { options: `-c random_page_cost=${POSTGRES_RANDOM_PAGE_COST}` }),
    });
    // An idle connection that fails (server restart) must not take the process down; the next query reconnects.
    pool.on("error", () => {});
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }), log: sqlTrace });
    engines.set(db, "postgres");
    // One round trip through the pool itself, a named statement without the query builder: a
    // health check costs the app process about half of what `select 1` through Kysely does (issue #13).
    const probe = async () => void (await pool.query({ name: "health_probe", text: "select 1" }));
    return { db, sqlite: undefined, engine: "postgres", probe };
  }
  const sqlite = openSqlite(target);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), log: sqlTrace });
  engines.set(db, "sqlite");
  const probeStatement = sqlite.prepare("select 1");
  return { db, sqlite, engine: "sqlite", probe: async () => void probeStatement.get() };
}

/** The database this environment names: `DATABASE_URL` when set, else the SQLite file `DATABASE_PATH`. */
export function databaseTarget(env: { DATABASE_URL?: string; DATABASE_PATH: string }): string {
  return env.DATABASE_URL || env.DATABASE_PATH;
}

/**
 * Brings the database to the latest migration. On PostgreSQL, Kysely's migrator holds an advisory
 * lock while it runs, so of several processes starting at once exactly one migrates, and each
 * migration runs in its own transaction (ADR 0025).
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const engine = engineOf(db);
  const migrator = new Migrator({
    db: engine === "postgres" ? db.withPlugin(postgresMigrationPlugin) : db,
    provider: { getMigrations: async () => migrationsFor(engine) },
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

/** PostgreSQL's codes for "try again": a serialisation failure and a deadlock. */
function mustRetry(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === "40001" || code === "40P01";
}

/**
 * An exclusion constraint refused a row (23P01, e.g. migration 0031's "a room slot confirmed once"):
 * mostly because a concurrent command committed the conflicting row after this one's snapshot was
 * taken. Run again, the command's own check sees that row and gives its own answer (naming it);
 * a violation that persists is not a race and goes to the caller (ADR 0026).
 */
function isExclusionViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "23P01";
}
const EXCLUSION_RETRIES = 2;

/**
 * PostgreSQL: runs `fn` in a SERIALIZABLE transaction and runs it again (from the start, with a
 * short random back-off) when PostgreSQL reports a serialisation failure or deadlock, until
 * LOCK_WAIT_MS. Serialisable isolation gives every read-check-write command the guarantee that
 * SQLite's single writer gives (ADR 0026), so the commands need no engine-specific locking. `fn`
 * must have no effect outside the database (mail goes through the outbox table).
 */
export async function serializableTransaction<T>(
  db: Database,
  fn: (trx: Kysely<DB>) => Promise<T>,
  opts: { onBusy?: (attempt: number) => void } = {},
): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let exclusions = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().setIsolationLevel("serializable").execute(fn);
    } catch (error) {
      if ((error as { code?: string } | null)?.code === "40P01") commandRetries.deadlocks++;
      const again = mustRetry(error) || (isExclusionViolation(error) && exclusions++ < EXCLUSION_RETRIES);
      if (!again || Date.now() > deadline) throw error;
      opts.onBusy?.(attempt);
      await new Promise((r) => setTimeout(r, Math.min(2 ** attempt, 50) + Math.random() * 10));
    }
  }
}

/**
 * How often this process's commands waited for the write lock (SQLite) or ran again after a
 * serialisation failure, deadlock or exclusion violation (PostgreSQL): a figure for tests and benches.
 * `deadlocks` counts the deadlocks alone (PostgreSQL): each one cost its commands a wait of
 * `deadlock_timeout` (1 s by default) before PostgreSQL broke it.
 */
export const commandRetries = { count: 0, deadlocks: 0 };

/** One command, one transaction, on whichever engine `db` runs. */
export function commandTransaction<T>(
  db: Database,
  fn: (trx: Kysely<DB>) => Promise<T>,
  opts: { onBusy?: (attempt: number) => void } = {},
): Promise<T> {
  const counted = {
    onBusy: (attempt: number) => {
      commandRetries.count++;
      opts.onBusy?.(attempt);
    },
  };
  return engineOf(db) === "postgres" ? serializableTransaction(db, fn, counted) : immediateTransaction(db, fn, counted);
}
