import { sql, type Kysely } from "kysely";
import type { Engine } from "./dialect";

/**
 * The current version of each cache scope (ADR 0012), on either engine (ADR 0025). SQLite: the
 * `cache_scope` row its triggers bump. PostgreSQL: that row plus the scope's rows in
 * `cache_scope_bump`, which its triggers append (no hot row); both grow with every committed write.
 * Without `scopes`, every scope.
 */
/**
 * Every scope's version on PostgreSQL, as one text: also prepared by the public page cache's own
 * connection (scripts/serve.ts), which reads it on every cacheable request.
 */
export const POSTGRES_SCOPE_VERSIONS = "select s.scope, s.version + (select count(*) from cache_scope_bump b where b.scope = s.scope) as version from cache_scope s";

export async function readScopeVersions(db: Kysely<any>, engine: Engine, scopes?: readonly string[]): Promise<Map<string, number>> {
  if (scopes && !scopes.length) return new Map();
  const only = scopes ? sql`where s.scope in (${sql.join(scopes)})` : sql``;
  const query =
    engine === "postgres"
      ? sql<{ scope: string; version: number }>`${sql.raw(POSTGRES_SCOPE_VERSIONS)} ${only}`
      : sql<{ scope: string; version: number }>`select s.scope, s.version from cache_scope s ${only}`;
  const { rows } = await query.execute(db);
  return new Map(rows.map((r) => [r.scope, Number(r.version)]));
}
