import { sql, type Kysely } from "kysely";
import type { DB, VolunteerFactTable } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { berlinDay } from "~/utils/dates";
import { statisticsAfterRewrite, vacuumAfterRewrite } from "@db/dialect";
import { getDb, getEngine, transaction } from "~/utils/db.server";
import { containsFolded } from "~/utils/like.server";
import { logger } from "~/utils/logger.server";
import { clampPage } from "~/utils/params";
import type { DailyTask } from "~/modules/jobs/daily-types";
import { recordVolunteerViews } from "~/modules/volunteers/access-log.server";
import { certificateConfig, eligibilityConfig } from "./config.server";
import { coveredOnSql } from "./cover-sql.server";
import {
  certificateDeletionDay,
  certificateNeededOn,
  certificateState,
  certificateStatus,
  ehrenamtskarteWindowStart,
  eligibilityFromTotals,
  type CertificateState,
  type CertificateStatus,
  type Eligibility,
} from "./policy";
import { cachedCount, literalCount } from "~/utils/paging.server";

/**
 * What the coverage module knows about volunteers, for the office's lists (ADR 0019): the facts
 * the rules in `policy.ts` derive from many rows — insured today (cover in SQL through
 * `cover-sql.server.ts`, pinned to the rule by a test), certificate state, Ehrenamtskarte
 * eligibility, the latest inspection's state, deletion day and urgency — one `volunteer_fact` row
 * per person with an assignment or an inspection. The lists filter, count, sort and page on it in
 * plain indexed SQL.
 *
 * Kept current three ways: every command that changes what a fact depends on calls
 * `refreshVolunteerFacts` in its transaction; the daily job recomputes every row for the new day
 * (facts change with the date); and a reader that finds the table computed for another day or
 * other rules (`fact_refresh`) recomputes it first (`ensureVolunteerFacts`).
 */

const FACTS = "volunteer_fact";

/** The configuration the facts follow: another value recomputes the table. */
export function factRules(): string {
  const c = certificateConfig();
  const e = eligibilityConfig();
  return `cert:${c.reinspectYears}:${c.reminderDays}:${c.deleteAfterMonths};karte:${e.hoursPerYear}:${e.hoursPerWeek}`;
}

type MinorsAssignment = { startDay: string; endDay: string | null; closedOn: string | null };

/**
 * Urgency of a latest inspection, most urgent first: a deletion day that has come (the record
 * must go), a certificate still needed that is overdue or shows a relevant conviction, one due
 * soon, one not inspected, a valid one; last the records of people who no longer need one.
 */
export function inspectionUrgency(f: { status: CertificateStatus; deletionDay: string | null; needed: boolean }, day: string): number {
  if (f.deletionDay !== null && f.deletionDay <= day) return 0;
  if (!f.needed) return 5;
  switch (f.status.state) {
    case "overdue":
    case "conviction":
      return 1;
    case "dueSoon":
      return 2;
    case "none":
      return 3;
    default:
      return 4;
  }
}

const chunks = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/**
 * The facts on `day` of `userIds` (null: of everyone with an assignment or an inspection), from
 * the rules in `policy.ts`. Someone without a row has the defaults: not insured, no certificate
 * needed, not eligible.
 */
export async function computeVolunteerFacts(db: Kysely<DB>, day: string, userIds: string[] | null): Promise<VolunteerFactTable[]> {
  if (userIds && !userIds.length) return [];
  const cert = certificateConfig();
  const karte = eligibilityConfig();
  const windowStart = ehrenamtskarteWindowStart(day);
  // `in (…)` per chunk for a few people (a command); no condition at all for everyone.
  const each = async <R,>(query: (ids: string[] | null) => Promise<R[]>): Promise<R[]> =>
    userIds ? (await Promise.all(chunks(userIds, 500).map((ids) => query(ids)))).flat() : query(null);

  const people = new Set<string>();
  const covered = new Set<string>();
  for (const r of await each((ids) => {
    let q = db.selectFrom("assignment as a").innerJoin("organisation as o", "o.id", "a.organisation_id").select(["a.volunteer_user_id as id", coveredOnSql("a", "o", day).as("covered")]);
    if (ids) q = q.where("a.volunteer_user_id", "in", ids);
    return q.execute();
  })) {
    people.add(r.id);
    if (r.covered) covered.add(r.id);
  }
  const minors = new Map<string, MinorsAssignment[]>();
  for (const r of await each((ids) => {
    // A literal 1, so SQLite may use the partial index `assignment_minors_idx`.
    let q = db.selectFrom("assignment").select(["volunteer_user_id as id", "start_day as startDay", "end_day as endDay", "closed_on as closedOn"]).where(sql<boolean>`works_with_minors = 1`);
    if (ids) q = q.where("volunteer_user_id", "in", ids);
    return q.execute();
  })) {
    const list = minors.get(r.id) ?? [];
    list.push({ startDay: r.startDay, endDay: r.endDay, closedOn: r.closedOn });
    minors.set(r.id, list);
  }
  // The latest inspection of each (the newest id wins, as everywhere in the module).
  const latest = new Map(
    (
      await each((ids) => {
        let newest = db.selectFrom("certificate_inspection").select((e) => e.fn.max("id").as("id")).groupBy("volunteer_user_id");
        if (ids) newest = newest.where("volunteer_user_id", "in", ids);
        return db
          .selectFrom("certificate_inspection as c")
          .select(["c.id", "c.volunteer_user_id as volunteerId", "c.inspected", "c.certificate_date as certificateDate", "c.inspected_on as inspectedOn", "c.relevant_conviction as relevantConviction"])
          .where("c.id", "in", newest)
          .execute();
      })
    ).map((r) => [r.volunteerId, r]),
  );
  for (const id of latest.keys()) people.add(id);
  // Confirmed hours of the last 12 months, added up by the database.
  const hours = new Map(
    (
      await each((ids) => {
        let q = db
          .selectFrom("hours_entry as h")
          .innerJoin("assignment as a", "a.id", "h.assignment_id")
          .select((eb) => ["a.volunteer_user_id as id", eb.fn.sum<number>("h.hours").as("hours"), eb.fn.min<string>("h.day").as("firstDay")])
          .where("h.status", "=", "confirmed")
          .where("h.day", ">=", windowStart)
          .where("h.day", "<=", day)
          .groupBy("a.volunteer_user_id");
        if (ids) q = q.where("a.volunteer_user_id", "in", ids);
        return q.execute();
      })
    ).map((r) => [r.id, { hours: Number(r.hours), firstDay: r.firstDay }]),
  );

  return [...people].map((id) => {
    const list = minors.get(id) ?? [];
    const needed = certificateNeededOn(list, day);
    const r = latest.get(id);
    const status = certificateStatus(
      r ? { certificateDate: r.certificateDate, inspectedOn: r.inspectedOn, relevantConviction: !!r.relevantConviction, inspected: !!r.inspected } : null,
      day,
      cert.reinspectYears,
      cert.reminderDays,
    );
    const deletionDay = r ? certificateDeletionDay(r.inspectedOn, list, cert.deleteAfterMonths) : null;
    const totals = hours.get(id);
    const eligibility = eligibilityFromTotals(totals ?? { hours: 0, firstDay: null }, day, karte, windowStart);
    return {
      user_id: id,
      insured_today: covered.has(id) ? 1 : 0,
      certificate_state: certificateState(needed, status),
      ehrenamtskarte_eligible: eligibility.eligible ? 1 : 0,
      karte_hours: totals?.hours ?? 0,
      karte_first_day: totals?.firstDay ?? null,
      latest_inspection_id: r?.id ?? null,
      inspection_state: r ? status.state : null,
      inspection_deletion_day: deletionDay,
      inspection_rank: r ? inspectionUrgency({ status, deletionDay, needed }, day) : null,
      computed_for_day: day,
    };
  });
}

async function writeFacts(trx: Kysely<DB>, rows: VolunteerFactTable[]) {
  // 11 columns a row: 80 rows stay far below SQLite's limit of bound values.
  for (const batch of chunks(rows, 80)) await trx.insertInto(FACTS).values(batch).execute();
}

/** The day (and rules) the table was computed for as a whole; null before the first time. */
async function refreshedFor(db: Kysely<DB>): Promise<{ day: string; rules: string } | null> {
  const r = await db.selectFrom("fact_refresh").select(["computed_for_day as day", "rules"]).where("name", "=", FACTS).executeTakeFirst();
  return r ?? null;
}

/**
 * Inside a command's transaction: the facts of these people after the command's writes, for the
 * day the table is computed for (so the table stays one day's; the next reader or the daily job
 * moves it on).
 */
export async function refreshVolunteerFacts(trx: Kysely<DB>, userIds: string[], now: Date): Promise<void> {
  const ids = [...new Set(userIds)];
  if (!ids.length) return;
  const day = (await refreshedFor(trx))?.day ?? berlinDay(now);
  const rows = await computeVolunteerFacts(trx, day, ids);
  for (const batch of chunks(ids, 500)) await trx.deleteFrom(FACTS).where("user_id", "in", batch).execute();
  await writeFacts(trx, rows);
}

/** Inside a command's transaction: the facts of everyone with an assignment with this organisation (its insurance changed). */
export async function refreshVolunteerFactsOfOrganisation(trx: Kysely<DB>, organisationId: number, now: Date): Promise<void> {
  const rows = await trx.selectFrom("assignment").select("volunteer_user_id as id").distinct().where("organisation_id", "=", organisationId).execute();
  await refreshVolunteerFacts(trx, rows.map((r) => r.id), now);
}

/** Every row for `day` (in the caller's transaction). Returns the number of people with facts. */
export async function refreshAllVolunteerFacts(trx: Kysely<DB>, day: string, now: Date): Promise<number> {
  const rows = await computeVolunteerFacts(trx, day, null);
  await trx.deleteFrom(FACTS).execute();
  await writeFacts(trx, rows);
  await statisticsAfterRewrite(getEngine(), FACTS)?.execute(trx);
  const values = { computed_for_day: day, rules: factRules(), refreshed_at: now.toISOString() };
  await trx
    .insertInto("fact_refresh")
    .values({ name: FACTS, ...values })
    .onConflict((oc) => oc.column("name").doUpdateSet(values))
    .execute();
  return rows.length;
}

/**
 * Before a list reads the facts for `day`: when the table was computed for another day or other
 * rules (the daily job has not run yet, or the configuration changed), it is computed anew in one
 * immediate transaction (a second process waiting for it finds it done).
 */
export async function ensureVolunteerFacts(day: string): Promise<void> {
  const fresh = (r: { day: string; rules: string } | null) => r !== null && r.day === day && r.rules === factRules();
  if (fresh(await refreshedFor(getDb()))) return;
  const people = await transaction(async (trx) => {
    if (fresh(await refreshedFor(trx))) return null;
    return await refreshAllVolunteerFacts(trx, day, new Date());
  });
  if (people === null) return;
  logger.info("volunteer facts computed", { day, people });
  await tidyFactsAfterRewrite();
}

/**
 * After the whole table was rewritten and committed (PostgreSQL): its old rows removed and its
 * pages marked all-visible, so the lists' index-only scans of the facts read the index alone
 * (`vacuumAfterRewrite`). A failure is logged, never passed on: the facts are written already.
 */
export async function tidyFactsAfterRewrite(): Promise<void> {
  const vacuum = vacuumAfterRewrite(getEngine(), FACTS);
  if (!vacuum) return;
  try {
    await vacuum.execute(getDb());
  } catch (err) {
    logger.error("volunteer facts: vacuum after rewrite failed", { err });
  }
}

/** The daily job's task: everyone's facts for the new day (after the tasks that delete records). */
export const volunteerFactsTask: DailyTask = {
  name: "volunteer-facts",
  run: (trx, now) => refreshAllVolunteerFacts(trx, berlinDay(now), now),
  afterCommit: tidyFactsAfterRewrite,
};

/**
 * Certificate state on `day` of `userIds`, computed from the rules directly (a volunteer's own
 * page); anyone not in the map does not need one ("notNeeded").
 */
export async function certificateStates(day: string, userIds: string[], db: Kysely<DB> = getDb()): Promise<Map<string, CertificateState>> {
  const rows = await computeVolunteerFacts(db, day, userIds);
  return new Map(rows.filter((r) => r.certificate_state !== "notNeeded").map((r) => [r.user_id, r.certificate_state]));
}

/** As the office volunteer list. */
export const KARTE_PAGE_SIZE = 25;

export type KarteFilters = { eligibleOnly: boolean; q?: string; districtId?: number; page: number };

/**
 * Office: Ehrenamtskarte NRW eligibility of volunteers with confirmed hours in the last 12 months
 * (coordinators only; hours of all organisers add up), by name, one page at a time, from the
 * facts table. The volunteers shown are written to the access log.
 */
export async function listEhrenamtskarte(actor: Actor, today: string, f: KarteFilters) {
  requirePermission(actor, "decide:hours:any");
  await ensureVolunteerFacts(today);
  const db = getDb();
  let q = db.selectFrom("volunteer_fact as f").innerJoin("user as u", "u.id", "f.user_id");
  // A literal 1, not a parameter: a plan kept for `= $1` is costed on an average of 0 and 1 and
  // walked every fact for the 25 eligible of a page (PostgreSQL: 0.5 → 9.6 ms, ADR 0054).
  q = f.eligibleOnly ? q.where(sql<boolean>`f.ehrenamtskarte_eligible = 1`) : q.where("f.karte_first_day", "is not", null);
  if (f.q) q = q.where(containsFolded("u.name_key", f.q));
  if (f.districtId) q = q.innerJoin("volunteer_profile as p", "p.user_id", "u.id").where("p.district_id", "=", f.districtId);
  // The total kept per day and filters while no fact, account or profile changed; the page's size
  // and offset as numbers in the text, so PostgreSQL keeps one plan for it (ADR 0054).
  const { page: _page, ...filters } = f;
  const total = await cachedCount(JSON.stringify(["ehrenamtskarte", today, filters]), ["volunteers", "users"], async () => (await q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow()).total);
  const page = clampPage(f.page, total, KARTE_PAGE_SIZE);
  const people = await q
    .select(["u.id", "u.name", "u.email", "f.karte_hours as hours", "f.karte_first_day as firstDay"])
    .orderBy("u.name_key")
    .orderBy("u.name")
    .orderBy("u.id")
    .limit(literalCount(KARTE_PAGE_SIZE))
    .offset(literalCount((page - 1) * KARTE_PAGE_SIZE))
    .execute();
  await recordVolunteerViews(actor, people.map((p) => p.id), "ehrenamtskarte");
  const cfg = eligibilityConfig();
  const items = people.map(({ hours, firstDay, ...p }) => ({ ...p, eligibility: eligibilityFromTotals({ hours, firstDay }, today, cfg) as Eligibility }));
  return { items, total: Number(total), page, pageSize: KARTE_PAGE_SIZE };
}
