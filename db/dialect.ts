/**
 * The one place where the two engines differ (issue #13, ADR 0025). SQLite is the embedded default;
 * `DATABASE_URL=postgres://…` selects PostgreSQL. The engine is configuration, never detected from a
 * connection. Query code that needs an engine's own form asks `getEngine()` (app/utils/db.server.ts)
 * and keeps the engine-specific SQL here or in db/cache-scopes.ts, saying why.
 */
export type Engine = "sqlite" | "postgres";

/** The engine a database address names: a `postgres://` or `postgresql://` URL, or else a SQLite file. */
export function engineOfUrl(url: string | undefined | null): Engine {
  return url && /^postgres(ql)?:\/\//i.test(url.trim()) ? "postgres" : "sqlite";
}

