import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import { readScopeVersions } from "@db/cache-scopes";
import { getDb, getEngine, recordQueries, type RecordedQuery } from "./db.server";

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
 * Version reads asked for in the same turn of the event loop, per database handle: one query for
 * all their scopes. A page that computes several derived values at once (`/office`: the task
 * counts and five hints) asks for their versions together; on PostgreSQL each read is a round
 * trip (issue #13). The query starts only after the turn in which the callers asked, so each gets
 * a read that began after it asked, as if it had read alone (the same rule as `freshSharedRead`).
 */
const batches = new WeakMap<Kysely<DB>, { scopes: Set<string>; read: Promise<Map<string, number>> }>();
function readBatched(db: Kysely<DB>, scopes: readonly string[]): Promise<Map<string, number>> {
  let batch = batches.get(db);
  if (!batch) {
    const wanted = new Set<string>();
    const read = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      batches.delete(db);
      return readScopeVersions(db, getEngine(), [...wanted]);
    });
    batch = { scopes: wanted, read };
    batches.set(db, batch);
  }
  for (const s of scopes) batch.scopes.add(s);
  return batch.read;
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
