import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import { readScopeVersions } from "@db/cache-scopes";
import { getDb, getEngine, recordQueries, type RecordedQuery } from "./db.server";
import { freshSharedBatch } from "./fresh-read";

/**
 * Derived data (e.g. the office inbox's counts) computed from many rows and needed by many
 * requests, kept per process while the data behind it is unchanged: the versions of its scopes in
 * `cache_scope` (bumped by triggers in the writing transaction, ADR 0012) are part of the key, so
 * a commit in any process is seen by the next read. It fails closed (ADR 0019):
 * - a scope without a version row is unknown: the value is computed and not kept;
 * - an entry lives at most `DERIVED_TTL_MS`, even without a bump (values that depend on the time
 *   of day, a trigger that is missing, a write outside the triggers' reach);
 * - a test (`tests/integration/derived-cache.test.ts`) records the tables every computation
 *   reads and fails when one of them bumps none of its scopes.
 * Only for reads outside a command's transaction (a rolled-back bump could otherwise label
 * uncommitted data with a version that later means something else).
 */
type Entry = { versions: string; value: unknown; createdAt: number };
const entries = new Map<string, Entry>();
const MAX_ENTRIES = 500;
export const DERIVED_TTL_MS = 60_000;
/** Computations under way, by key and versions (see `derived`). */
const inFlight = new Map<string, Promise<unknown>>();

/**
 * The spacing of version reads on PostgreSQL under load, as the page cache's (ADR 0052): a read
 * starts no sooner than this after the one before it started. On SQLite a read costs a few µs, so
 * nothing is spaced there.
 */
export const DERIVED_READ_INTERVAL_MS = 1;

/**
 * Version reads, per database handle, shared by the callers that ask before the read starts (ADR
 * 0051, 0054): the callers of one turn of the event loop (`/office` asks for the versions of its
 * task counts and five hints at once) and, on a loaded PostgreSQL server, the requests that arrive
 * while a read runs or within the spacing interval (every office page asks for the task badge's).
 * Every caller gets a read that began after it asked, as if it had read alone (`freshSharedBatch`):
 * a commit it has seen is never hidden from it.
 */
const readers = new WeakMap<Kysely<DB>, (scopes: Iterable<string>) => Promise<Map<string, number>>>();
function readBatched(db: Kysely<DB>, scopes: readonly string[]): Promise<Map<string, number>> {
  let reader = readers.get(db);
  if (!reader) {
    const engine = getEngine();
    reader = freshSharedBatch<string, Map<string, number>>((wanted) => readScopeVersions(db, engine, [...wanted]), {
      collectTurn: true,
      minIntervalMs: engine === "postgres" ? DERIVED_READ_INTERVAL_MS : 0,
    });
    readers.set(db, reader);
  }
  return reader(scopes);
}

/** The versions of `scopes` as one string, or null when one of them is unknown (then nothing is kept). */
export async function scopeVersions(scopes: readonly string[], db: Kysely<DB> = getDb()): Promise<string | null> {
  if (!scopes.length) return "";
  const byScope = await readBatched(db, scopes);
  if (scopes.some((s) => !byScope.has(s))) return null;
  return scopes.map((s) => `${s}:${byScope.get(s)}`).join(",");
}

/** For the test that checks every computation's tables: what each key's computation read. */
let trace: Map<string, { scopes: readonly string[]; queries: RecordedQuery[] }> | null = null;
export function traceDerived(): Map<string, { scopes: readonly string[]; queries: RecordedQuery[] }> {
  trace = new Map();
  return trace;
}

/** The value for `key` computed from data in `scopes`; computed again when one of them changed or the entry is too old. */
export async function derived<T>(key: string, scopes: readonly string[], compute: () => Promise<T>, now: () => number = Date.now): Promise<T> {
  const versions = await scopeVersions(scopes);
  if (versions === null) return compute();
  const hit = entries.get(key);
  if (hit && hit.versions === versions && now() - hit.createdAt < DERIVED_TTL_MS) {
    // Most recently used last: the large sets that every list needs stay while small ones come and go.
    entries.delete(key);
    entries.set(key, hit);
    return hit.value as T;
  }
  // Requests that miss while the same key and versions are being computed wait for that
  // computation instead of starting their own: the value they get is the one a hit would give a
  // moment later. Without this, every request arriving during a computation (many round trips on
  // PostgreSQL) runs it again, and under load the work piles up (bench stop 11, issue #13).
  const flightKey = `${key}\u0000${versions}`;
  const running = inFlight.get(flightKey);
  if (running) return running as Promise<T>;
  const computation = (async () => {
    let value: T;
    if (trace) {
      const recorded = await recordQueries(compute);
      trace.set(key, { scopes, queries: recorded.queries });
      value = recorded.result;
    } else {
      value = await compute();
    }
    entries.delete(key);
    entries.set(key, { versions, value, createdAt: now() });
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    return value;
  })();
  inFlight.set(flightKey, computation);
  try {
    return await computation;
  } finally {
    if (inFlight.get(flightKey) === computation) inFlight.delete(flightKey);
  }
}

/** For tests: forget everything (and stop tracing). */
export function clearDerived() {
  entries.clear();
  inFlight.clear();
  trace = null;
}
