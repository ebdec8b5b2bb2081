/**
 * The one place where the two engines differ (issue #13, ADR 0025). SQLite is the embedded default;
 * `DATABASE_URL=postgres://…` selects PostgreSQL. The engine is configuration, never detected from a
 * connection. Query code that needs an engine's own form asks `currentEngine()` here and says so.
 */
export type Engine = "sqlite" | "postgres";

/** The engine a database address names: a `postgres://` or `postgresql://` URL, or else a SQLite file. */
export function engineOfUrl(url: string | undefined | null): Engine {
  return url && /^postgres(ql)?:\/\//i.test(url.trim()) ? "postgres" : "sqlite";
}

/** The engine this process is configured for (`DATABASE_URL`). */
export function currentEngine(): Engine {
  return engineOfUrl(process.env.DATABASE_URL);
}
