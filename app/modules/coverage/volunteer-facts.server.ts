import { sql, type Kysely, type RawBuilder } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { getDb } from "~/utils/db.server";
import { derived } from "~/utils/derived-cache.server";
import { contains } from "~/utils/like.server";
import { clampPage } from "~/utils/params";
import { recordVolunteerViews } from "~/modules/volunteers/access-log.server";
import { certificateConfig } from "./certificates.server";
import { coveredOnSql } from "./cover-sql.server";
import { eligibilityConfig } from "./hours.server";
import {
  certificateNeededOn,
  certificateState,
  certificateStatus,
  ehrenamtskarteWindowStart,
  eligibilityFromTotals,
  type CertificateState,
  type Eligibility,
} from "./policy";

/**
 * What the coverage module knows about volunteers, for the office's volunteer list: filters
 * (as SQL conditions on a volunteer id column) and the page's columns. Every answer comes from
 * the rules in `policy.ts`: cover in SQL through `cover-sql.server.ts` (pinned to the rule by a
 * test), certificate state and the Ehrenamtskarte in JavaScript over small candidate sets
 * (volunteers with assignments with minors; confirmed hours of the last 12 months, added up by
 * the database), handed to SQL as a JSON array of ids.
 */

/** `column IN (ids)` with one bound JSON value, whatever the number of ids. */
export function inIds(column: string, ids: Iterable<string>, negate = false): RawBuilder<boolean> {
  const json = JSON.stringify([...ids]);
  return negate ? sql<boolean>`${sql.ref(column)} not in (select value from json_each(${json}))` : sql<boolean>`${sql.ref(column)} in (select value from json_each(${json}))`;
}

// The list filters below work on sets of volunteers derived from thousands of rows (every
// assignment, every confirmed hour of the last year). They are computed once per day and data
// version (`derived`, ADR 0012) instead of on every page of the list.
const COVERAGE_SCOPES = ["coverage", "organisations"] as const;

/** Everyone covered on `day` by at least one assignment (the SQL form of the rule, pinned to policy.ts by a test). */
export function coveredVolunteers(day: string): Promise<ReadonlySet<string>> {
  return derived(`covered:${day}`, COVERAGE_SCOPES, async () => {
    const { rows } = await sql<{ id: string }>`select distinct a.volunteer_user_id as id from assignment as a inner join organisation as o on o.id = a.organisation_id where ${coveredOnSql("a", "o", day)}`.execute(getDb());
    return new Set(rows.map((r) => r.id));
  });
}

/** `column` is (or is not) a volunteer covered on `day` by at least one assignment. */
export async function coveredOnFilter(column: string, day: string, covered: boolean): Promise<RawBuilder<boolean>> {
  return inIds(column, await coveredVolunteers(day), !covered);
}

/**
 * Certificate state of every volunteer who needs one on `day` (or of `userIds` only); anyone
 * not in the map does not need one ("notNeeded").
 */
export async function certificateStates(day: string, userIds?: string[], db: Kysely<DB> = getDb()): Promise<Map<string, CertificateState>> {
  if (userIds && !userIds.length) return new Map();
  const cfg = certificateConfig();
  let minorsQuery = db
    .selectFrom("assignment")
    .select(["volunteer_user_id as volunteerId", "start_day as startDay", "end_day as endDay", "closed_on as closedOn"])
    // A literal 1, so SQLite may use the partial index `assignment_minors_idx`.
    .where(sql<boolean>`works_with_minors = 1`);
  if (userIds) minorsQuery = minorsQuery.where(inIds("volunteer_user_id", userIds));
  const perVolunteer = new Map<string, Array<{ startDay: string; endDay: string | null; closedOn: string | null }>>();
  for (const r of await minorsQuery.execute()) {
    const list = perVolunteer.get(r.volunteerId) ?? [];
    list.push(r);
    perVolunteer.set(r.volunteerId, list);
  }
  const needed = [...perVolunteer].filter(([, list]) => certificateNeededOn(list, day)).map(([id]) => id);
  if (!needed.length) return new Map();
  // The latest inspection of each of them (the newest id wins, as everywhere in the module).
  const latest = await db
    .selectFrom("certificate_inspection as c")
    .select(["c.volunteer_user_id as volunteerId", "c.inspected", "c.certificate_date as certificateDate", "c.inspected_on as inspectedOn", "c.relevant_conviction as relevantConviction"])
    .where("c.id", "in", (eb) => eb.selectFrom("certificate_inspection").select((e) => e.fn.max("id").as("id")).where(inIds("volunteer_user_id", needed)).groupBy("volunteer_user_id"))
    .execute();
  const inspections = new Map(latest.map((r) => [r.volunteerId, r]));
  return new Map(
    needed.map((id) => {
      const r = inspections.get(id);
      const status = certificateStatus(
        r ? { certificateDate: r.certificateDate, inspectedOn: r.inspectedOn, relevantConviction: !!r.relevantConviction, inspected: !!r.inspected } : null,
        day,
        cfg.reinspectYears,
        cfg.reminderDays,
      );
      return [id, certificateState(true, status)];
    }),
  );
}

/** The certificate state of everyone who needs a certificate on `day` (cached per data version). */
export function allCertificateStates(day: string): Promise<ReadonlyMap<string, CertificateState>> {
  const cfg = certificateConfig();
  return derived(`certificates:${day}:${cfg.reinspectYears}:${cfg.reminderDays}`, COVERAGE_SCOPES, () => certificateStates(day));
}

/** `column` is a volunteer whose certificate state on `day` is `state`. */
export async function certificateStateFilter(column: string, day: string, state: CertificateState): Promise<RawBuilder<boolean>> {
  const states = await allCertificateStates(day);
  if (state === "notNeeded") return inIds(column, states.keys(), true);
  return inIds(column, [...states].filter(([, s]) => s === state).map(([id]) => id));
}

/**
 * Ehrenamtskarte NRW eligibility on `day` of every volunteer with confirmed hours in the last
 * 12 months (hours of all organisers add up); the database adds the hours up.
 */
export async function ehrenamtskarteEligibilities(day: string, db: Kysely<DB> = getDb()): Promise<Map<string, Eligibility>> {
  const cfg = eligibilityConfig();
  const rows = await db
    .selectFrom("hours_entry as h")
    .innerJoin("assignment as a", "a.id", "h.assignment_id")
    .select((eb) => ["a.volunteer_user_id as volunteerId", eb.fn.sum<number>("h.hours").as("hours"), eb.fn.min<string>("h.day").as("firstDay")])
    .where("h.status", "=", "confirmed")
    .where("h.day", ">=", ehrenamtskarteWindowStart(day))
    .where("h.day", "<=", day)
    .groupBy("a.volunteer_user_id")
    .execute();
  const windowStart = ehrenamtskarteWindowStart(day);
  return new Map(rows.map((r) => [r.volunteerId, eligibilityFromTotals({ hours: Number(r.hours), firstDay: r.firstDay }, day, cfg, windowStart)]));
}

/** Everyone's Ehrenamtskarte eligibility on `day` (cached per data version). */
export function allEhrenamtskarteEligibilities(day: string): Promise<ReadonlyMap<string, Eligibility>> {
  const cfg = eligibilityConfig();
  return derived(`karte:${day}:${cfg.hoursPerYear}:${cfg.hoursPerWeek}`, COVERAGE_SCOPES, () => ehrenamtskarteEligibilities(day));
}

/** `column` is (or is not) a volunteer eligible for the Ehrenamtskarte NRW on `day`. */
export async function ehrenamtskarteFilter(column: string, day: string, eligible: boolean): Promise<RawBuilder<boolean>> {
  const all = await allEhrenamtskarteEligibilities(day);
  return inIds(column, [...all].filter(([, e]) => e.eligible).map(([id]) => id), !eligible);
}

/** As the office volunteer list. */
export const KARTE_PAGE_SIZE = 25;

export type KarteFilters = { eligibleOnly: boolean; q?: string; districtId?: number; page: number };

/**
 * The volunteers of the Ehrenamtskarte list (the eligible, or everyone with confirmed hours) in
 * name order, with the eligibility they were chosen by (cached per data version).
 */
function karteByName(day: string, eligibleOnly: boolean): Promise<{ ids: readonly string[]; eligibility: ReadonlyMap<string, Eligibility> }> {
  const cfg = eligibilityConfig();
  return derived(`karte-names:${day}:${cfg.hoursPerYear}:${cfg.hoursPerWeek}:${eligibleOnly}`, [...COVERAGE_SCOPES, "users"], async () => {
    const all = await allEhrenamtskarteEligibilities(day);
    const ids = [...all].filter(([, e]) => !eligibleOnly || e.eligible).map(([id]) => id);
    const rows = await getDb().selectFrom("user").select("id").where(inIds("id", ids)).orderBy("name").orderBy("id").execute();
    return { ids: rows.map((r) => r.id), eligibility: all };
  });
}

/**
 * Office: Ehrenamtskarte NRW eligibility of volunteers with confirmed hours (coordinators only;
 * hours of all organisers add up), by name, one page at a time. Eligibility and the name order
 * come from cached sets, handed to the database as one JSON array (its position is the order);
 * the database filters by name and district, counts and pages. The volunteers shown are written
 * to the access log.
 */
export async function listEhrenamtskarte(actor: Actor, today: string, f: KarteFilters) {
  requirePermission(actor, "decide:hours:any");
  const { ids, eligibility } = await karteByName(today, f.eligibleOnly);
  const db = getDb();
  let q = db.selectFrom(sql<{ key: number; value: string }>`json_each(${JSON.stringify(ids)})`.as("r")).innerJoin("user as u", "u.id", "r.value");
  if (f.q) q = q.where(contains("u.name", f.q));
  if (f.districtId) q = q.innerJoin("volunteer_profile as p", "p.user_id", "u.id").where("p.district_id", "=", f.districtId);
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const page = clampPage(f.page, Number(total), KARTE_PAGE_SIZE);
  const people = await q
    .select(["u.id", "u.name", "u.email"])
    .orderBy("r.key")
    .limit(KARTE_PAGE_SIZE)
    .offset((page - 1) * KARTE_PAGE_SIZE)
    .execute();
  await recordVolunteerViews(actor, people.map((p) => p.id), "ehrenamtskarte");
  return { items: people.map((p) => ({ ...p, eligibility: eligibility.get(p.id)! })), total: Number(total), page, pageSize: KARTE_PAGE_SIZE };
}
