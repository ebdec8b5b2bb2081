import { sql, type RawBuilder } from "kysely";

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

// ---------------------------------------------------------------- full-text search (migration 0057, ADR 0046)

/** SQLite's virtual tables and the tables their content comes from (by triggers): what reading one reads. */
export const VIRTUAL_TABLE_SOURCES: Record<string, readonly string[]> = {
  association_offer_fts: ["association_offer", "association_offer_text"],
};

/**
 * Relative weight of a word in a title against one in a description, the same on both engines:
 * SQLite's bm25() takes it per column, PostgreSQL's ts_rank() per weight class (A title, B body).
 */
export const TITLE_WEIGHT = 3;

/**
 * The offers whose German text or one of whose translations holds every word of the search (the last
 * word also as the start of a longer one), each with its relevance `score` (higher = better; the best
 * of the offer's texts). `words` are folded search words (`searchWords` in app/utils/text-keys.ts):
 * letters, digits and marks only, so nothing in them is query syntax on either engine.
 *
 * Why per engine: SQLite answers from the FTS5 table `association_offer_fts` (one row per text; the
 * row id is the offer id × 1024 plus the text's language slot, 0 for German), PostgreSQL from the
 * GIN-indexed generated `search_vector` columns of `association_offer` and `association_offer_text`.
 * Both index the same stored keys (title words, a line break, description words) split at the same
 * spaces, so they find the same offers; the scores differ in scale (bm25 vs ts_rank), not in what
 * they prefer: more of the words, and words in the title.
 */
export function offerTextHits(engine: Engine, words: readonly string[]): RawBuilder<{ offer_id: number; score: number }> {
  if (!words.length) throw new Error("offerTextHits needs at least one word");
  if (engine === "sqlite") {
    const match = words.map((w, i) => `"${w}"${i === words.length - 1 ? "*" : ""}`).join(" ");
    // bm25() works only in the full-text query itself, not inside an aggregate: `limit -1` keeps
    // SQLite from merging the inner query into the grouping one.
    return sql`(select offer_id, max(score) as score from (
        select rowid >> 10 as offer_id, -bm25(association_offer_fts, ${sql.lit(TITLE_WEIGHT)}, 1.0) as score
          from association_offer_fts where association_offer_fts match ${match} limit -1
      ) group by offer_id)`;
  }
  const query = words.map((w, i) => `'${w}'${i === words.length - 1 ? ":*" : ""}`).join(" & ");
  // ts_rank's weights are {D, C, B, A}; normalisation 1 divides by 1 + log(length), as bm25 weighs long texts down.
  const weights = sql`${sql.lit(`{0, 0, ${(1 / TITLE_WEIGHT).toFixed(4)}, 1}`)}::float4[]`;
  return sql`(select offer_id, max(score) as score from (
      select o.id as offer_id, ts_rank(${weights}, o.search_vector, q, 1) as score
        from association_offer o, to_tsquery('simple', ${query}) q where o.search_vector @@ q
      union all
      select t.offer_id, ts_rank(${weights}, t.search_vector, q, 1) as score
        from association_offer_text t, to_tsquery('simple', ${query}) q where t.search_vector @@ q
    ) s group by offer_id)`;
}

// ---------------------------------------------------------------- statistics after a full rewrite

/**
 * Planner statistics for a derived table the app has just rewritten as a whole (the volunteer facts,
 * every day): on PostgreSQL an `analyze` in the writing transaction, so the next reader's plan fits
 * the new rows, whether autovacuum is minutes away or switched off (bench: `?cover=yes` planned on the
 * statistics of the day before took 40 ms instead of 19 ms). SQLite never gathers statistics by
 * itself and keeps the ones it has (a few migrations analysed chosen tables); the facts table has
 * none there, so its plans do not depend on the day: nothing to do.
 */
export function statisticsAfterRewrite(engine: Engine, table: string): RawBuilder<unknown> | null {
  return engine === "postgres" ? sql`analyze ${sql.table(table)}` : null;
}

/**
 * After such a rewrite has committed: on PostgreSQL a `vacuum` of the table (it cannot run inside a
 * transaction), which removes the old rows and marks the pages all-visible, so index-only scans
 * read the index alone again. Until then every row an index-only scan finds is looked up in the
 * table as well, and a plain scan reads the dead rows too (bench: the office list "insured, Arabic,
 * district 2" 3.8 → 3.1 ms in the database per page). Autovacuum would do it within minutes where
 * it is on (docs/deploy.md); where it is off, not at all. SQLite: nothing (no visibility map; the
 * freed pages are reused).
 */
export function vacuumAfterRewrite(engine: Engine, table: string): RawBuilder<unknown> | null {
  return engine === "postgres" ? sql`vacuum ${sql.table(table)}` : null;
}

// ---------------------------------------------------------------- a parent row's write lock

/**
 * The row lock that the commands which check a parent's children and then write one take first, so
 * that two such commands for the same parent wait for each other instead of both writing (ADR 0057).
 * PostgreSQL: `select … for no key update`, the weakest lock that two commands cannot hold at once
 * (an insert of a child, whose foreign-key check takes `for key share`, does not wait for it; plain
 * reads never do). SQLite: nothing, `BEGIN IMMEDIATE` already runs one command at a time.
 */
export function parentRowLock(engine: Engine, table: string, id: number): RawBuilder<unknown> | null {
  return engine === "postgres" ? sql`select 1 from ${sql.table(table)} where id = ${id} for no key update` : null;
}
