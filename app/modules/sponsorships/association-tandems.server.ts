import type { Kysely } from "kysely";
import type { DB, TandemStatus } from "@db/schema";
import { memberOrganisations, type Actor } from "~/auth/permissions";
import { recordView } from "~/modules/volunteers/access-log.server";
import { getDb, transaction } from "~/utils/db.server";
import { containsAsciiIgnoringCase } from "~/utils/like.server";
import { TANDEM_PAGE_SIZE } from "./tandem-queries.server";
import type { TandemFilters } from "./tandem-schema";

/**
 * An association runs the tandems of its own programmes (`/verein/sponsorships`, ADR 0040): its
 * members (`manage:tandem:own`, `own` = the programme's organisation) see the tandems and the
 * waiting requests of the programmes their organisations run, and nothing of any other programme.
 * Every read here is scoped by the organisations the actor belongs to.
 */

/** The organisations whose programmes the actor runs (empty: the page is not theirs → 403). */
export function associationTandemScope(actor: Actor): number[] {
  return memberOrganisations(actor, "manage:tandem:own");
}

/** The programmes of those organisations (active and archived: archived ones may still have tandems). */
export async function associationProgrammes(organisationIds: number[], db: Kysely<DB> = getDb()) {
  if (!organisationIds.length) return [];
  return db
    .selectFrom("sponsorship_programme as p")
    .innerJoin("organisation as o", "o.id", "p.organisation_id")
    .select(["p.id", "p.name", "p.active", "o.name as organisation"])
    .where("p.organisation_id", "in", organisationIds)
    .orderBy("p.name")
    .orderBy("p.id")
    .execute();
}

/** The association's tandems: paged and filtered in SQL like the office's list; sponsors' names, never households'. */
export async function listAssociationTandems(organisationIds: number[], f: TandemFilters, today: string) {
  const db = getDb();
  let q = db
    .selectFrom("tandem as t")
    .innerJoin("sponsorship_programme as p", "p.id", "t.programme_id")
    .innerJoin("user as u", "u.id", "t.volunteer_user_id")
    .where("p.organisation_id", "in", organisationIds.length ? organisationIds : [-1]);
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
  return { items: items.map((r) => ({ ...r, status: r.status as TandemStatus })), total: Number(total), page, pageSize: TANDEM_PAGE_SIZE };
}

/**
 * The requests waiting in the association's programmes (new or open): first name, district,
 * languages, since when. The first names are household data: each shown household goes to the
 * access log. At most 50, oldest first (the office matches them; the association sees its queue).
 */
export async function listAssociationRequests(actor: Actor, organisationIds: number[], now = new Date()) {
  if (!organisationIds.length) return [];
  return transaction(async (trx) => {
    const rows = await trx
      .selectFrom("sponsorship_request as r")
      .innerJoin("sponsorship_programme as p", "p.id", "r.programme_id")
      .leftJoin("district as d", "d.id", "r.district_id")
      .select([
        "r.id",
        "r.household_id as householdId",
        "r.first_name as firstName",
        "r.status",
        "r.requested_at as requestedAt",
        "d.name as district",
        "p.name as programme",
      ])
      .where("p.organisation_id", "in", organisationIds)
      .where("r.status", "in", ["new", "open"])
      .orderBy("r.priority", "desc")
      .orderBy("r.requested_at")
      .orderBy("r.id")
      .limit(50)
      .execute();
    const ids = rows.map((r) => r.id);
    const languages = ids.length ? await trx.selectFrom("sponsorship_request_language").select(["request_id", "language_code"]).where("request_id", "in", ids).orderBy("language_code").execute() : [];
    for (const r of rows) await recordView(trx, { actorUserId: actor.userId, entity: "household", entityId: r.householdId, via: "verein:sponsorships", now });
    return rows.map(({ householdId: _h, ...r }) => ({ ...r, languages: languages.filter((l) => l.request_id === r.id).map((l) => l.language_code) }));
  });
}
