import { sql } from "kysely";
import { getEngine } from "~/utils/db.server";
import type { DailyTask } from "./daily-types";

/**
 * PostgreSQL: folds the `cache_scope_bump` rows (one per writing statement, appended by the cache
 * triggers so that writers never queue on one hot row: migration 0000 for PostgreSQL, ADR 0025)
 * into `cache_scope.version`, in one statement, so the rows a version read counts stay few.
 *
 * A scope's version is `cache_scope.version` plus the count of its bump rows
 * (db/cache-scopes.ts `readScopeVersions`, one statement, one snapshot). The fold deletes the bump
 * rows it sees and adds their count to the scope's row in the same transaction: every reader sees
 * the version from before or from after the fold, and the two are equal. Rows of transactions
 * still running are not visible to the fold, so they stay and count when they commit; that is why
 * the fold needs no age limit ("rows older than a few minutes"): it takes exactly the committed
 * rows. Writers only append, so they never wait for the fold either.
 *
 * SQLite bumps `cache_scope.version` itself (BEGIN IMMEDIATE serialises the writers): nothing to do.
 */
export const cacheScopeFoldTask: DailyTask = {
  name: "cache-scope-fold",
  run: async (trx) => {
    if (getEngine() !== "postgres") return 0;
    const { rows } = await sql<{ folded: number }>`
      with gone as (
        delete from cache_scope_bump b using cache_scope s where b.scope = s.scope returning b.scope
      ), counts as (
        select scope, count(*) as n from gone group by scope
      ), bumped as (
        update cache_scope s set version = s.version + c.n from counts c where s.scope = c.scope returning c.n
      )
      select coalesce(sum(n), 0) as folded from bumped
    `.execute(trx);
    return Number(rows[0]?.folded ?? 0);
  },
};
