import { sql, type RawBuilder } from "kysely";

/**
 * The cover rules of `policy.ts` as SQL conditions, for lists that must filter in the database
 * (10,000 volunteers). Days are `YYYY-MM-DD` strings on both sides, so every comparison is a
 * plain string comparison, exactly as in `policy.ts`; no date arithmetic happens here.
 * `tests/integration/coverage/cover-sql.test.ts` runs every boundary case through both and
 * fails if they ever disagree (docs/decisions/0009-volunteer-views-and-filters.md).
 *
 * `a` is the alias of an `assignment` row, `o` of its `organisation` row.
 */

const col = (alias: string, name: string) => sql.ref(`${alias}.${name}`);

/** `isRunningOn(a, day)`: started, and neither ended nor closed before `day`. */
export function runningOnSql(a: string, day: string): RawBuilder<boolean> {
  return sql<boolean>`(${col(a, "start_day")} <= ${day} and (${col(a, "end_day")} is null or ${col(a, "end_day")} >= ${day}) and (${col(a, "closed_on")} is null or ${col(a, "closed_on")} >= ${day}))`;
}

/** `isCurrentOrUpcoming(a, day)`: not closed before its start, and neither ended nor closed before `day`. */
export function currentOrUpcomingSql(a: string, day: string): RawBuilder<boolean> {
  return sql<boolean>`((${col(a, "closed_on")} is null or ${col(a, "closed_on")} >= ${col(a, "start_day")}) and (${col(a, "end_day")} is null or ${col(a, "end_day")} >= ${day}) and (${col(a, "closed_on")} is null or ${col(a, "closed_on")} >= ${day}))`;
}

/** `basisValidOn(basisOfCover(o), day)`: city and initiative always; an association with a complete policy valid on `day`. */
export function basisValidOnSql(o: string, day: string): RawBuilder<boolean> {
  return sql<boolean>`(${col(o, "legal_form")} in ('city', 'initiative') or (${col(o, "legal_form")} = 'registered_association' and coalesce(${col(o, "insurer")}, '') <> '' and coalesce(${col(o, "policy_number")}, '') <> '' and coalesce(${col(o, "policy_valid_until")}, '') <> '' and ${col(o, "policy_valid_until")} >= ${day}))`;
}

/** One assignment's share of `isCoveredOn(…, day).covered` (without an activity): running and a valid basis. */
export function coveredOnSql(a: string, o: string, day: string): RawBuilder<boolean> {
  return sql<boolean>`(${runningOnSql(a, day)} and ${basisValidOnSql(o, day)})`;
}
