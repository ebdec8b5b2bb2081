import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { DB, TandemStatus } from "@db/schema";
import { organisationScope, type Actor, type OrganisationScope } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordView, recordVolunteerViews } from "~/modules/volunteers/access-log.server";
import { berlinDay } from "~/utils/dates";
import { getDb, transaction } from "~/utils/db.server";
import { containsAsciiIgnoringCase } from "~/utils/like.server";
import { allowedSteps, canLogMeetings, certificateAvailable, rulesOf, trialStartedOn, type ProgrammeRules, type TandemFacts } from "./tandem-rules";
import type { TandemFilters } from "./tandem-schema";

/** Reads of tandems (part B of the sponsorships: the tandem after the match). */

export const TANDEM_PAGE_SIZE = 25;

/** The programme's settings as the rules take them. */
export function programmeRules(p: { trial_weeks: number; trial_meetings: number; checkin_months: number; silence_days: number; certificate_meetings: number }): ProgrammeRules {
  return rulesOf({ trialWeeks: p.trial_weeks, trialMeetings: p.trial_meetings, checkInMonths: p.checkin_months, silenceDays: p.silence_days, certificateMeetings: p.certificate_meetings });
}

/** A tandem row with its programme's settings: what every step and the daily job read. */
export const tandemWithProgramme = (db: Kysely<DB>) =>
  db
    .selectFrom("tandem as t")
    .innerJoin("sponsorship_programme as p", "p.id", "t.programme_id")
    .selectAll("t")
    .select(["p.name as programme_name", "p.organisation_id as programme_organisation_id", "p.trial_weeks", "p.trial_meetings", "p.checkin_months", "p.silence_days", "p.certificate_meetings"]);

export type TandemRow = Awaited<ReturnType<ReturnType<typeof tandemWithProgramme>["executeTakeFirstOrThrow"]>>;

/** The Berlin day of the first meeting (stored as an instant). */
export const firstMeetingDay = (t: Pick<TandemRow, "first_meeting_at">) => (t.first_meeting_at ? berlinDay(t.first_meeting_at) : null);

/** The facts the rules need from a row, with the count of meetings in the current trial given. */
export function factsFrom(t: TandemRow, meetingsInTrial: number): { facts: TandemFacts; rules: ProgrammeRules } {
  return {
    rules: programmeRules(t),
    facts: {
      status: t.status,
      firstMeetingOn: firstMeetingDay(t),
      trialEndsOn: t.trial_ends_on,
      nextCheckInOn: t.next_checkin_on,
      endedOn: t.ended_on,
      meetingsInTrial,
      lastMeetingOn: t.last_meeting_on,
      nudgedOn: t.nudged_on,
      alertedOn: t.office_alerted_on,
    },
  };
}

/** Meetings in the current trial of each tandem in trial (one query for a whole list). */
export async function meetingsInTrialOf(db: Kysely<DB>, rows: TandemRow[]): Promise<Map<number, number>> {
  const trials = rows.filter((t) => t.status === "trial" && t.trial_ends_on);
  const out = new Map<number, number>();
  if (!trials.length) return out;
  const startOf = new Map(trials.map((t) => [t.id, trialStartedOn({ trialEndsOn: t.trial_ends_on }, programmeRules(t))!]));
  const earliest = [...startOf.values()].reduce((a, b) => (a < b ? a : b));
  for (let i = 0; i < trials.length; i += 500) {
    const ids = trials.slice(i, i + 500).map((t) => t.id);
    const meetings = await db.selectFrom("tandem_meeting").select(["tandem_id", "day"]).where("tandem_id", "in", ids).where("day", ">=", earliest).execute();
    for (const m of meetings) if (m.day >= startOf.get(m.tandem_id)!) out.set(m.tandem_id, (out.get(m.tandem_id) ?? 0) + 1);
  }
  return out;
}

/** The facts the rules need, with the count of meetings in the current trial. */
export async function factsOf(db: Kysely<DB>, t: TandemRow): Promise<{ facts: TandemFacts; rules: ProgrammeRules }> {
  const counts = await meetingsInTrialOf(db, [t]);
  return factsFrom(t, counts.get(t.id) ?? 0);
}

/** The office list: paged, filtered and counted in SQL; names of sponsors only, never of households. */
export async function listTandems(actor: Actor, f: TandemFilters, today: string) {
  requirePermission(actor, "manage:tandem:any");
  const db = getDb();
  let q = db.selectFrom("tandem as t").innerJoin("sponsorship_programme as p", "p.id", "t.programme_id").innerJoin("user as u", "u.id", "t.volunteer_user_id");
  if (f.status) q = q.where("t.status", "=", f.status);
  if (f.programmeId) q = q.where("t.programme_id", "=", f.programmeId);
  if (f.q) q = q.where(containsAsciiIgnoringCase("t.code", f.q));
  if (f.due === "check-in")
    q = q.where((eb) => eb.or([eb.and([eb("t.status", "=", "trial"), eb("t.trial_ends_on", "<=", today)]), eb.and([eb("t.status", "=", "active"), eb("t.next_checkin_on", "<=", today)])]));
  if (f.due === "silent")
    q = q.where("t.status", "in", ["trial", "active"]).where("t.office_alerted_on", "is not", null).where((eb) => eb.or([eb("t.last_meeting_on", "is", null), eb("t.last_meeting_on", "<=", eb.ref("t.office_alerted_on"))]));
  const page = Math.max(1, f.page);
  const [{ total }, items] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
    q
      .select([
        "t.id",
        "t.code",
        "t.status",
        "t.started_on as startedOn",
        "t.ended_on as endedOn",
        "t.trial_ends_on as trialEndsOn",
        "t.next_checkin_on as nextCheckInOn",
        "t.last_meeting_on as lastMeetingOn",
        "p.name as programme",
        "u.name as sponsor",
      ])
      .orderBy("t.started_on", "desc")
      .orderBy("t.id", "desc")
      .limit(TANDEM_PAGE_SIZE)
      .offset((page - 1) * TANDEM_PAGE_SIZE)
      .execute(),
  ]);
  return { items, total: Number(total), page, pageSize: TANDEM_PAGE_SIZE };
}

export async function listProgrammes(db: Kysely<DB> = getDb()) {
  return db.selectFrom("sponsorship_programme").select(["id", "name", "period_start", "period_end"]).orderBy("name").orderBy("id").execute();
}

async function meetingsOf(db: Kysely<DB>, tandemId: number) {
  return db
    .selectFrom("tandem_meeting")
    .select(["id", "day", "minutes", "kind", "topics", "note", "confirmed_at as confirmedAt", "hours_entry_id as hoursEntryId"])
    .where("tandem_id", "=", tandemId)
    .orderBy("day", "desc")
    .orderBy("id", "desc")
    .limit(200)
    .execute();
}

/** What a tandem shows of its household: first name, district, languages, help asked for (no surname, no address). */
async function householdSide(db: Kysely<DB>, t: TandemRow) {
  if (!t.request_id) return null;
  const r = await db
    .selectFrom("sponsorship_request as r")
    .leftJoin("district as d", "d.id", "r.district_id")
    .select(["r.first_name as firstName", "d.name as district", "r.locale"])
    .where("r.id", "=", t.request_id)
    .executeTakeFirst();
  if (!r) return null;
  const [languages, help] = await Promise.all([
    db.selectFrom("sponsorship_request_language").select("language_code").where("request_id", "=", t.request_id).orderBy("language_code").execute(),
    db.selectFrom("sponsorship_request_help").select("help").where("request_id", "=", t.request_id).orderBy("help").execute(),
  ]);
  return { ...r, languages: languages.map((l) => l.language_code), help: help.map((h) => h.help) };
}

/**
 * The household's contact for the sponsor: its phone or e-mail only where the household consented
 * to share its contact with this volunteer ("share-contact"); otherwise the way goes through the office.
 */
async function contactPath(db: Kysely<DB>, householdId: number | null, volunteerId: string) {
  if (!householdId) return null;
  const shared = await db
    .selectFrom("household_consent")
    .select("id")
    .where("household_id", "=", householdId)
    .where("purpose", "=", "share-contact")
    .where("volunteer_user_id", "=", volunteerId)
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
  if (!shared) return null;
  const h = await db.selectFrom("household").select(["contact_phone as phone", "contact_email as email"]).where("id", "=", householdId).where("erased_at", "is", null).executeTakeFirst();
  return h && (h.phone || h.email) ? h : null;
}

/**
 * Which tandems the actor may run: every one for the office (`manage:tandem:any`), those of the
 * programmes their organisations run for an association's members (`manage:tandem:own`, ADR 0040);
 * null: none (the routes answer 403).
 */
export function tandemScope(actor: Actor): OrganisationScope | null {
  return organisationScope(actor, "manage:tandem");
}

/** The tandem rows in the actor's scope (nothing without one). */
function scopedTandem(db: Kysely<DB>, actor: Actor, id: number) {
  const scope = tandemScope(actor);
  let q = tandemWithProgramme(db).where("t.id", "=", id);
  if (!scope) q = q.where(sql<boolean>`1 = 0`);
  else if (!scope.all) q = q.where("p.organisation_id", "in", scope.organisationIds);
  return q;
}

/** For actions: whether tandem `id` exists in the actor's scope (else the route answers 404). */
export async function tandemInScope(actor: Actor, id: number, db: Kysely<DB> = getDb()) {
  return !!(await scopedTandem(db, actor, id).executeTakeFirst());
}

/**
 * One tandem with both sides, history, meetings and the steps of its state, scoped by the actor
 * (`tandemScope`): the office's page and an association's (`/verein/sponsorships/:id`) read it
 * here; outside the scope it is null (the routes answer 404). The view of both sides goes to the
 * access log. What an association is not shown (household record and code, assignment) the route drops.
 */
export async function viewTandem(actor: Actor, id: number, today: string, now = new Date()) {
  return transaction(async (trx) => {
    const t = await scopedTandem(trx, actor, id).executeTakeFirst();
    if (!t) return null;
    requirePermission(actor, "manage:tandem:own", { organisationId: t.programme_organisation_id });
    const [{ facts, rules }, sponsor, household, events, meetings, code] = await Promise.all([
      factsOf(trx, t),
      trx.selectFrom("user").select(["id", "name", "email"]).where("id", "=", t.volunteer_user_id).executeTakeFirstOrThrow(),
      householdSide(trx, t),
      trx
        .selectFrom("tandem_event as e")
        .leftJoin("user as u", "u.id", "e.actor_user_id")
        .select(["e.id", "e.kind", "e.from_status as fromStatus", "e.to_status as toStatus", "e.reason", "e.note", "e.at", "u.name as actorName"])
        .where("e.tandem_id", "=", id)
        .orderBy("e.id", "desc")
        .limit(500)
        .execute(),
      meetingsOf(trx, id),
      t.household_id ? trx.selectFrom("household").select("code").where("id", "=", t.household_id).executeTakeFirst() : Promise.resolve(undefined),
    ]);
    if (t.household_id) await recordView(trx, { actorUserId: actor.userId, entity: "household", entityId: t.household_id, via: `tandem:${id}`, now });
    await recordVolunteerViews(actor, [t.volunteer_user_id], `tandem:${id}`, trx, now);
    return {
      tandem: {
        id: t.id,
        code: t.code,
        status: t.status as TandemStatus,
        programme: t.programme_name,
        startedOn: t.started_on,
        firstMeetingAt: t.first_meeting_at,
        firstMeetingPlace: t.first_meeting_place,
        moderator: t.moderator,
        trialEndsOn: t.trial_ends_on,
        nextCheckInOn: t.next_checkin_on,
        lastMeetingOn: t.last_meeting_on,
        endedOn: t.ended_on,
        endReason: t.end_reason,
        assignmentId: t.assignment_id,
        householdId: t.household_id,
        householdCode: code?.code ?? null,
      },
      facts,
      rules,
      steps: allowedSteps(t.status),
      sponsor,
      household,
      events,
      meetings,
      today,
    };
  });
}

/** The sponsor's own tandems (the list on `/me/sponsorships` of part A links here). */
export async function listOwnTandems(actor: Actor) {
  return getDb()
    .selectFrom("tandem as t")
    .innerJoin("sponsorship_programme as p", "p.id", "t.programme_id")
    .leftJoin("sponsorship_request as r", "r.id", "t.request_id")
    .select(["t.id", "t.code", "t.status", "t.started_on as startedOn", "t.ended_on as endedOn", "p.name as programme", "r.first_name as firstName"])
    .where("t.volunteer_user_id", "=", actor.userId)
    .orderBy("t.started_on", "desc")
    .orderBy("t.id", "desc")
    .execute();
}

/** The sponsor's own tandem or null (another volunteer's → 404 in the route). */
export async function getOwnTandemRow(actor: Actor, id: number, db: Kysely<DB> = getDb()) {
  const t = await tandemWithProgramme(db).where("t.id", "=", id).where("t.volunteer_user_id", "=", actor.userId).executeTakeFirst();
  if (!t) return null;
  requirePermission(actor, "read:sponsorship:own", { userId: t.volunteer_user_id });
  return t;
}

/** Confirmed meetings of a tandem (what the certificate and the funding proof count). */
export async function confirmedMeetingCount(db: Kysely<DB>, tandemId: number) {
  const r = await db.selectFrom("tandem_meeting").select((eb) => eb.fn.countAll<number>().as("n")).where("tandem_id", "=", tandemId).where("confirmed_at", "is not", null).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The sponsor's page: the tandem, what they may see of the household (only once the tandem exists,
 * i.e. after accepting), the meetings. The view of the household goes to the access log.
 */
export async function viewOwnTandem(actor: Actor, id: number, today: string, now = new Date()) {
  return transaction(async (trx) => {
    const t = await getOwnTandemRow(actor, id, trx);
    if (!t) return null;
    const [{ facts, rules }, household, contact, meetings, confirmed, assignment] = await Promise.all([
      factsOf(trx, t),
      householdSide(trx, t),
      contactPath(trx, t.household_id, actor.userId),
      meetingsOf(trx, id),
      confirmedMeetingCount(trx, id),
      t.assignment_id ? trx.selectFrom("assignment").select(["start_day as startDay", "end_day as endDay", "closed_on as closedOn"]).where("id", "=", t.assignment_id).executeTakeFirst() : Promise.resolve(undefined),
    ]);
    if (t.household_id && household) await recordView(trx, { actorUserId: actor.userId, entity: "household", entityId: t.household_id, via: `tandem:${id}`, now });
    return {
      tandem: { id: t.id, code: t.code, status: t.status as TandemStatus, programme: t.programme_name, startedOn: t.started_on, firstMeetingAt: t.first_meeting_at, firstMeetingPlace: t.first_meeting_place, endedOn: t.ended_on },
      household,
      contact,
      meetings,
      confirmed,
      canLog: canLogMeetings(t.status),
      certificate: certificateAvailable(confirmed, rules),
      certificateAfter: rules.certificateMeetings,
      assignment: assignment ?? null,
      facts,
      today,
      sponsorLocale: actor.locale,
    };
  });
}

/** How many tandems are in each state (the list's header). */
export async function tandemCounts() {
  const rows = await getDb().selectFrom("tandem").select(["status", sql<number>`count(*)`.as("n")]).groupBy("status").execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<Record<TandemStatus, number>>;
}
