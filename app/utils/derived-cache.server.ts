import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import { getDb } from "./db.server";

/**
 * Derived data (e.g. "who is insured today", everyone's Ehrenamtskarte eligibility) computed
 * from many rows and needed by many requests, kept per process while the data behind it is
 * unchanged: the versions of its scopes in `cache_scope` (bumped by triggers in the writing
 * transaction, ADR 0012) are part of the key, so a commit in any process is seen by the next
 * read. Only for reads outside a command's transaction (a rolled-back bump could otherwise
 * label uncommitted data with a version that later means something else).
 */
type Entry = { versions: string; value: unknown };
const entries = new Map<string, Entry>();
const MAX_ENTRIES = 500;

export async function scopeVersions(scopes: readonly string[], db: Kysely<DB> = getDb()): Promise<string> {
  if (!scopes.length) return "";
  const rows = await db.selectFrom("cache_scope").select(["scope", "version"]).where("scope", "in", [...scopes]).execute();
  const byScope = new Map(rows.map((r) => [r.scope, r.version]));
  return scopes.map((s) => `${s}:${byScope.get(s) ?? "?"}`).join(",");
}

/** The value for `key` computed from data in `scopes`; computed again when one of them changed. */
export async function derived<T>(key: string, scopes: readonly string[], compute: () => Promise<T>): Promise<T> {
  const versions = await scopeVersions(scopes);
  const hit = entries.get(key);
  if (hit && hit.versions === versions) {
    // Most recently used last: the large sets that every list needs stay while small ones come and go.
    entries.delete(key);
    entries.set(key, hit);
    return hit.value as T;
  }
  const value = await compute();
  entries.delete(key);
  entries.set(key, { versions, value });
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return value;
}

/** For tests: forget everything. */
export function clearDerived() {
  entries.clear();
}
