import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/permissions";
import { recordView } from "~/modules/volunteers/access-log.server";
import { berlinDay } from "~/utils/dates";
import { getDb, transaction } from "~/utils/db.server";
import { inSponsorPool, rankForRequest, type SponsorPool } from "./candidates.server";
import { PROPOSALS_MAX } from "./config.server";
import { maskToTimes } from "./times";

/**
 * An association proposes sponsors for the requests of its own programme (`/verein/sponsorships/
 * requests/:id`, ADR 0045): the waiting request (what a sponsor would learn of it: first name,
 * district, languages, help, times, wishes; no contact, no household record), the ranked proposals
 * among the association's own volunteers (`SponsorPool`), and the request's proposals — names only
 * of the association's own volunteers. Proposing is the office's command (`proposeSponsor`).
 * Everything is scoped by the organisations whose programmes the actor runs; a request of another
 * programme, or one that is no longer waiting, is null (the route answers 404).
 */

const WAITING = ["new", "open"] as const;

/** The waiting request of one of `organisationIds`' programmes, with its programme's organisation (or undefined). */
function scopedRequest(db: Kysely<DB>, id: number, organisationIds: number[]) {
  return db
    .selectFrom("sponsorship_request as r")
    .innerJoin("sponsorship_programme as p", "p.id", "r.programme_id")
    .innerJoin("household as h", "h.id", "r.household_id")
    .leftJoin("district as d", "d.id", "r.district_id")
    .select([
      "r.id",
      "r.household_id as householdId",
      "r.first_name as firstName",
      "r.status",
      "r.times_mask as timesMask",
      "r.sponsor_gender_wish as genderWish",
      "r.family_tandem as familyTandem",
      "r.has_minors as hasMinors",
      "r.requested_at as requestedAt",
      "d.name as district",
      "p.name as programme",
      "p.organisation_id as organisationId",
    ])
    .where("r.id", "=", id)
    .where("r.status", "in", [...WAITING])
    .where("h.erased_at", "is", null)
    .where("p.organisation_id", "in", organisationIds.length ? organisationIds : [-1])
    .executeTakeFirst();
}

/** For actions: whether the request is a waiting one of the actor's programmes. */
export async function associationRequestExists(id: number, organisationIds: number[]) {
  return !!(await scopedRequest(getDb(), id, organisationIds));
}

/**
 * The request's page for an association: the request, the ranked proposals among its volunteers
 * and the proposals made so far; null when the request is not a waiting one of its programmes.
 * Seeing the request shows household data: the view goes to the access log.
 */
export async function viewAssociationRequest(actor: Actor, id: number, organisationIds: number[], now = new Date()) {
  const r = await transaction(async (trx) => {
    const row = await scopedRequest(trx, id, organisationIds);
    if (!row || row.organisationId === null) return null;
    requirePermission(actor, "manage:tandem:own", { organisationId: row.organisationId });
    await recordView(trx, { actorUserId: actor.userId, entity: "household", entityId: row.householdId, via: `verein:sponsorship-request:${id}`, now });
    return { ...row, organisationId: row.organisationId };
  });
  if (!r) return null;
  const db = getDb();
  const pool: SponsorPool = { organisationId: r.organisationId, day: berlinDay(now) };
  const [ranked, proposals, languages, help] = await Promise.all([
    rankForRequest(db, id, now, PROPOSALS_MAX, pool),
    db
      .selectFrom("sponsorship_proposal as sp")
      .innerJoin("user as u", "u.id", "sp.volunteer_user_id")
      .select(["sp.id", "sp.status", "sp.decline_reason as declineReason", "sp.proposed_at as proposedAt", "sp.decided_at as decidedAt", "u.name as volunteer", inSponsorPool(pool, "sp.volunteer_user_id").as("own")])
      .where("sp.request_id", "=", id)
      .orderBy("sp.proposed_at", "desc")
      .orderBy("sp.id", "desc")
      .limit(50)
      .execute(),
    db.selectFrom("sponsorship_request_language").select("language_code").where("request_id", "=", id).orderBy("language_code").execute(),
    db.selectFrom("sponsorship_request_help").select("help").where("request_id", "=", id).orderBy("help").execute(),
  ]);
  return {
    request: {
      id: r.id,
      firstName: r.firstName,
      status: r.status,
      programme: r.programme,
      district: r.district,
      times: maskToTimes(r.timesMask),
      genderWish: r.genderWish,
      familyTandem: !!r.familyTandem,
      hasMinors: !!r.hasMinors,
      requestedAt: r.requestedAt,
      languages: languages.map((l) => l.language_code),
      help: help.map((h) => h.help),
    },
    ranked: ranked ?? [],
    // Another sponsor the office proposed is not the association's business: no name.
    proposals: proposals.map(({ own, volunteer, ...p }) => ({ ...p, volunteer: own ? volunteer : null })),
  };
}
