import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { can, memberOrganisations } from "~/auth/permissions";
import { getDb } from "~/utils/db.server";
import { listEvidence } from "./evidence.server";
import { awardState, juryResult, type JuryResult, type Review } from "./rules";

/**
 * The seal's reads (issue #15). Every read is scoped by the actor: the office sees every
 * application; an association's members only their own organisations' (anything else is null →
 * 404); a juror only the applications assigned to them, and nothing of one before declaring
 * whether they have a conflict of interest.
 */

type Db = Kysely<DB>;

export type Criterion = Awaited<ReturnType<typeof criteriaOf>>[number];

export async function criteriaOf(db: Db, version: number) {
  return db
    .selectFrom("seal_criterion")
    .select(["id", "version", "code", "kind", "weight", "sort_order", "title_de", "title_en", "title_ar", "title_uk", "title_fa", "title_tr", "title_ru", "evidence_de", "evidence_en", "evidence_ar", "evidence_uk", "evidence_fa", "evidence_tr", "evidence_ru"])
    .where("version", "=", version)
    .orderBy("sort_order")
    .orderBy("id")
    .execute();
}

/** The catalogue in force: the newest published version with its criteria, or null. */
export async function currentCatalogue(db: Db = getDb()) {
  const cat = await db
    .selectFrom("seal_catalogue")
    .select(["version", "elective_min", "published_at"])
    .where("published_at", "is not", null)
    .orderBy("version", "desc")
    .executeTakeFirst();
  if (!cat) return null;
  return { ...cat, criteria: await criteriaOf(db, cat.version) };
}

/** The office's view of the catalogue: every version, and the draft (or, without one, the current) version's criteria. */
export async function catalogueForOffice(actor: Actor) {
  if (!can(actor, "manage:seal:any")) return null;
  const db = getDb();
  const versions = await db.selectFrom("seal_catalogue").select(["version", "elective_min", "published_at", "created_at"]).orderBy("version", "desc").execute();
  const draft = versions.find((v) => !v.published_at) ?? null;
  const shown = draft ?? versions.find((v) => v.published_at) ?? null;
  return { versions, draft, shown, criteria: shown ? await criteriaOf(db, shown.version) : [] };
}

// ── the association ───────────────────────────────────────────────────────────────────

/** The organisations the actor may apply for, with their applications and awards (newest first). */
export async function listOwnApplications(actor: Actor) {
  const own = memberOrganisations(actor, "apply:seal:own");
  if (!own.length) return { organisations: [], applications: [], awards: [] };
  const db = getDb();
  const [organisations, applications, awards] = await Promise.all([
    db.selectFrom("organisation").select(["id", "name"]).where("id", "in", own).where("archived_at", "is", null).orderBy("name_key").orderBy("id").execute(),
    db
      .selectFrom("seal_application as a")
      .innerJoin("organisation as o", "o.id", "a.organisation_id")
      .select(["a.id", "a.status", "a.catalogue_version", "a.created_at", "a.submitted_at", "a.decided_at", "o.name as organisation_name", "a.organisation_id"])
      .where("a.organisation_id", "in", own)
      .orderBy("a.created_at", "desc")
      .orderBy("a.id", "desc")
      .execute(),
    db
      .selectFrom("seal_award")
      .select(["id", "code", "organisation_id", "awarded_on", "valid_until", "revoked_at", "application_id"])
      .where("organisation_id", "in", own)
      .orderBy("awarded_on", "desc")
      .execute(),
  ]);
  return { organisations, applications, awards };
}

/** Events the association sees in its application's history (not the jury's internal steps). */
const ASSOCIATION_EVENTS = ["create", "submit", "accept", "return", "award", "decline", "send-back", "condition-fulfilled", "interim-check", "revoke"];

/** One application of the actor's own organisations, or null (→ 404). */
export async function getOwnApplication(actor: Actor, id: number) {
  const own = memberOrganisations(actor, "apply:seal:own");
  if (!own.length) return null;
  const db = getDb();
  const app = await db
    .selectFrom("seal_application as a")
    .innerJoin("organisation as o", "o.id", "a.organisation_id")
    .select(["a.id", "a.organisation_id", "a.catalogue_version", "a.status", "a.office_message", "a.decision_reason", "a.submitted_at", "a.decided_at", "a.created_at", "o.name as organisation_name"])
    .where("a.id", "=", id)
    .where("a.organisation_id", "in", own)
    .executeTakeFirst();
  if (!app) return null;
  const [criteria, answers, events, award, evidence, conditions] = await Promise.all([
    criteriaOf(db, app.catalogue_version),
    db.selectFrom("seal_answer").select(["criterion_id", "self_score", "statement", "evidence", "updated_at"]).where("application_id", "=", id).execute(),
    db.selectFrom("seal_event").select(["id", "action", "details", "created_at"]).where("application_id", "=", id).where("action", "in", ASSOCIATION_EVENTS).orderBy("id").execute(),
    db.selectFrom("seal_award").select(["code", "awarded_on", "valid_until", "revoked_at", "revoke_reason"]).where("application_id", "=", id).executeTakeFirst(),
    listEvidence(db, id),
    listConditions(db, id),
  ]);
  return { application: app, criteria, answers, events, award: award ?? null, evidence, conditions };
}

// ── the office ────────────────────────────────────────────────────────────────────────

export async function listApplicationsForOffice(actor: Actor, status?: string) {
  if (!can(actor, "manage:seal:any")) return null;
  let q = getDb()
    .selectFrom("seal_application as a")
    .innerJoin("organisation as o", "o.id", "a.organisation_id")
    .select(["a.id", "a.status", "a.catalogue_version", "a.submitted_at", "a.updated_at", "o.name as organisation_name"]);
  if (status) q = q.where("a.status", "=", status as never);
  return q.orderBy("a.updated_at", "desc").orderBy("a.id", "desc").limit(200).execute();
}

export async function listAwardsForOffice(actor: Actor) {
  if (!can(actor, "manage:seal:any")) return null;
  return getDb()
    .selectFrom("seal_award as w")
    .innerJoin("organisation as o", "o.id", "w.organisation_id")
    .select(["w.id", "w.code", "w.application_id", "w.awarded_on", "w.valid_until", "w.revoked_at", "o.name as organisation_name"])
    .orderBy("w.valid_until", "desc")
    .orderBy("w.id", "desc")
    .limit(200)
    .execute();
}

/** The jury's submitted reviews of an application (jurors on the jury, without a conflict). */
export async function reviewsOf(db: Db, applicationId: number): Promise<Review[]> {
  const [assignments, scores] = await Promise.all([
    db
      .selectFrom("seal_assignment as s")
      .innerJoin("seal_juror as j", "j.user_id", "s.juror_user_id")
      .select(["s.juror_user_id", "s.recommendation"])
      .where("s.application_id", "=", applicationId)
      .where("s.conflict", "=", "none")
      .where("s.submitted_at", "is not", null)
      .where("j.removed_at", "is", null)
      .orderBy("s.juror_user_id")
      .execute(),
    db.selectFrom("seal_score").select(["juror_user_id", "criterion_id", "score"]).where("application_id", "=", applicationId).execute(),
  ]);
  return assignments.map((a) => ({
    jurorId: a.juror_user_id,
    recommendation: a.recommendation ?? "decline",
    scores: Object.fromEntries(scores.filter((s) => s.juror_user_id === a.juror_user_id).map((s) => [s.criterion_id, s.score])),
  }));
}

export async function resultOf(db: Db, applicationId: number, version: number) {
  const [criteria, reviews, cat] = await Promise.all([
    criteriaOf(db, version),
    reviewsOf(db, applicationId),
    db.selectFrom("seal_catalogue").select("elective_min").where("version", "=", version).executeTakeFirstOrThrow(),
  ]);
  return juryResult(criteria, reviews, cat.elective_min);
}

/** Everything the office needs about one application, or null. */
export async function getApplicationForOffice(actor: Actor, id: number) {
  if (!can(actor, "manage:seal:any")) return null;
  const db = getDb();
  const app = await db
    .selectFrom("seal_application as a")
    .innerJoin("organisation as o", "o.id", "a.organisation_id")
    .select(["a.id", "a.organisation_id", "a.catalogue_version", "a.status", "a.office_message", "a.decision_reason", "a.submitted_at", "a.decided_at", "a.created_at", "o.name as organisation_name", "o.town"])
    .where("a.id", "=", id)
    .executeTakeFirst();
  if (!app) return null;
  const [criteria, answers, assignments, scores, events, award, jurors, result, evidence, conditions] = await Promise.all([
    criteriaOf(db, app.catalogue_version),
    db.selectFrom("seal_answer").select(["criterion_id", "self_score", "statement", "evidence"]).where("application_id", "=", id).execute(),
    db
      .selectFrom("seal_assignment as s")
      .innerJoin("user as u", "u.id", "s.juror_user_id")
      .leftJoin("seal_juror as j", "j.user_id", "s.juror_user_id")
      .select(["s.juror_user_id", "u.name", "s.conflict", "s.conflict_note", "s.declared_at", "s.recommendation", "s.submitted_at", "s.assigned_at", "j.removed_at"])
      .where("s.application_id", "=", id)
      .orderBy("s.assigned_at")
      .orderBy("s.juror_user_id")
      .execute(),
    db.selectFrom("seal_score").select(["juror_user_id", "criterion_id", "score", "justification"]).where("application_id", "=", id).execute(),
    db
      .selectFrom("seal_event as e")
      .leftJoin("user as u", "u.id", "e.actor_user_id")
      .select(["e.id", "e.action", "e.details", "e.created_at", "u.name as actor_name"])
      .where("e.application_id", "=", id)
      .orderBy("e.id")
      .execute(),
    db.selectFrom("seal_award").select(["id", "code", "awarded_on", "valid_until", "revoked_at", "revoke_reason"]).where("application_id", "=", id).executeTakeFirst(),
    db
      .selectFrom("seal_juror as j")
      .innerJoin("user as u", "u.id", "j.user_id")
      .select(["j.user_id", "u.name", "u.email"])
      .where("j.removed_at", "is", null)
      .orderBy("u.name_key")
      .orderBy("u.id")
      .execute(),
    resultOf(db, id, app.catalogue_version),
    listEvidence(db, id),
    listConditions(db, id),
  ]);
  const assigned = new Set(assignments.map((a) => a.juror_user_id));
  return {
    application: app,
    criteria,
    answers,
    assignments,
    // Scores of submitted reviews only: a juror's unfinished scores are their own.
    scores: scores.filter((s) => assignments.some((a) => a.juror_user_id === s.juror_user_id && a.submitted_at)),
    events,
    award: award ?? null,
    availableJurors: jurors.filter((j) => !assigned.has(j.user_id)),
    result,
    evidence,
    conditions,
  };
}

/** The conditions of an award, by due day. */
export async function listConditions(db: Db, applicationId: number) {
  return db.selectFrom("seal_condition").select(["id", "text", "due_on", "fulfilled_at"]).where("application_id", "=", applicationId).orderBy("due_on").orderBy("id").execute();
}

export async function listJurors(actor: Actor) {
  if (!can(actor, "manage:seal:any")) return null;
  return getDb()
    .selectFrom("seal_juror as j")
    .innerJoin("user as u", "u.id", "j.user_id")
    .select(["j.user_id", "u.name", "u.email", "j.added_at"])
    .where("j.removed_at", "is", null)
    .orderBy("u.name_key")
    .orderBy("u.name")
    .orderBy("u.id")
    .execute();
}

// ── the jury ──────────────────────────────────────────────────────────────────────────

/** The applications assigned to the actor as an active juror (the organisation's name only). */
export async function listAssignedApplications(actor: Actor) {
  if (!can(actor, "review:seal:own", { userId: actor.userId })) return [];
  return getDb()
    .selectFrom("seal_assignment as s")
    .innerJoin("seal_juror as j", "j.user_id", "s.juror_user_id")
    .innerJoin("seal_application as a", "a.id", "s.application_id")
    .innerJoin("organisation as o", "o.id", "a.organisation_id")
    .select(["a.id", "a.status", "o.name as organisation_name", "s.conflict", "s.submitted_at", "s.assigned_at"])
    .where("s.juror_user_id", "=", actor.userId)
    .where("j.removed_at", "is", null)
    .orderBy("s.assigned_at", "desc")
    .orderBy("a.id", "desc")
    .execute();
}

/**
 * One assigned application as its juror sees it, or null (not assigned, off the jury → 404).
 * Before the declaration: the organisation's name only. With a declared conflict: nothing more.
 * Others' scores only once the juror's own review is submitted.
 */
export async function getJurorView(actor: Actor, id: number) {
  const db = getDb();
  const row = await db
    .selectFrom("seal_assignment as s")
    .innerJoin("seal_juror as j", "j.user_id", "s.juror_user_id")
    .innerJoin("seal_application as a", "a.id", "s.application_id")
    .innerJoin("organisation as o", "o.id", "a.organisation_id")
    .select(["a.id", "a.status", "a.catalogue_version", "o.name as organisation_name", "s.juror_user_id", "s.conflict", "s.submitted_at", "s.recommendation"])
    .where("s.application_id", "=", id)
    .where("s.juror_user_id", "=", actor.userId)
    .where("j.removed_at", "is", null)
    .executeTakeFirst();
  if (!row || !can(actor, "review:seal:own", { userId: row.juror_user_id })) return null;
  const head = { id: row.id, status: row.status, organisationName: row.organisation_name, conflict: row.conflict, submittedAt: row.submitted_at, recommendation: row.recommendation };
  type Answer = { criterion_id: number; self_score: number; statement: string; evidence: string | null };
  type Score = { criterion_id: number; score: number; justification: string };
  type Evidence = Awaited<ReturnType<typeof listEvidence>>[number];
  const closed = { criteria: [] as Criterion[], answers: [] as Answer[], evidence: [] as Evidence[], ownScores: [] as Score[], otherScores: [] as Array<Score & { juror: number }>, result: null as JuryResult | null };
  if (row.conflict !== "none") return { ...head, ...closed };
  const [criteria, answers, scores, evidence] = await Promise.all([
    criteriaOf(db, row.catalogue_version),
    db.selectFrom("seal_answer").select(["criterion_id", "self_score", "statement", "evidence"]).where("application_id", "=", id).execute(),
    db
      .selectFrom("seal_score as sc")
      .innerJoin("seal_assignment as s", (j) => j.onRef("s.application_id", "=", "sc.application_id").onRef("s.juror_user_id", "=", "sc.juror_user_id"))
      .select(["sc.juror_user_id", "sc.criterion_id", "sc.score", "sc.justification", "s.submitted_at"])
      .where("sc.application_id", "=", id)
      .execute(),
    listEvidence(db, id),
  ]);
  const own = scores.filter((s) => s.juror_user_id === actor.userId);
  // Others' scores (submitted reviews only), anonymous, and only after the juror's own review.
  const others = row.submitted_at ? scores.filter((s) => s.juror_user_id !== actor.userId && s.submitted_at) : [];
  const jurorIndex = new Map<string, number>();
  const otherScores = others.map((s) => {
    if (!jurorIndex.has(s.juror_user_id)) jurorIndex.set(s.juror_user_id, jurorIndex.size + 1);
    return { juror: jurorIndex.get(s.juror_user_id)!, criterion_id: s.criterion_id, score: s.score, justification: s.justification };
  });
  return {
    ...head,
    ...closed,
    criteria,
    answers,
    evidence,
    ownScores: own.map((s) => ({ criterion_id: s.criterion_id, score: s.score, justification: s.justification })),
    otherScores,
    result: row.submitted_at ? await resultOf(db, id, row.catalogue_version) : null,
  };
}

// ── the public register ───────────────────────────────────────────────────────────────

/** Associations holding a valid seal on `today` (name, town, validity: no personal data). */
export async function publicRegister(today: string) {
  return getDb()
    .selectFrom("seal_award as w")
    .innerJoin("organisation as o", "o.id", "w.organisation_id")
    .select(["w.code", "w.awarded_on", "w.valid_until", "o.name", "o.town", "o.website"])
    .where("w.revoked_at", "is", null)
    .where("w.valid_until", ">=", today)
    .where("o.archived_at", "is", null)
    .orderBy("o.name_key")
    .orderBy("o.name")
    .orderBy("w.id")
    .execute();
}

/** The verification page of one award by its public code, or null. */
export async function verifyAward(code: string, today: string) {
  const award = await getDb()
    .selectFrom("seal_award as w")
    .innerJoin("organisation as o", "o.id", "w.organisation_id")
    .select(["w.code", "w.awarded_on", "w.valid_until", "w.revoked_at", "o.name", "o.town"])
    .where("w.code", "=", code)
    .executeTakeFirst();
  if (!award) return null;
  // The reason of a revocation stays internal; the page says that it was revoked and since when.
  return { code: award.code, name: award.name, town: award.town, awardedOn: award.awarded_on, validUntil: award.valid_until, revokedOn: award.revoked_at ? award.revoked_at.slice(0, 10) : null, state: awardState(award, today) };
}
