import type { Actor } from "~/auth/permissions";
import { can } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { listAssignmentsOfWith } from "~/modules/coverage/assignments.server";
import { getDb, singleStatementWrite } from "~/utils/db.server";
import { recordView, recordVolunteerViews } from "./access-log.server";
import { hasRequiredConsents, listConsentRecords, requireDeclarationToSeeOthers } from "./consents.server";
import { assignedTo, associationVolunteerScope } from "./scope.server";
import { forbidden } from "~/utils/errors";
import { derived } from "~/utils/derived-cache.server";

export const PAGE_SIZE = 25;

/**
 * Districts, fields of action and languages for the forms and filters. Every list page needs them,
 * and they change a few times a year: kept in the derived cache under the scope their tables bump
 * (migration 0037: "organisations"), so one version read replaces three queries (three round trips
 * on PostgreSQL) and a change is seen by the next read.
 */
export async function getLookups() {
  return derived("volunteer-lookups", ["organisations"], async () => {
    const db = getDb();
    const [districts, fields, languages] = await Promise.all([
      db.selectFrom("district").select(["id", "name"]).where("active", "=", 1).orderBy("sort_order").execute(),
      db.selectFrom("field_of_action").select(["id", "slug", "name"]).where("active", "=", 1).orderBy("sort_order").execute(),
      db.selectFrom("language").select(["code", "name_native", "name_de"]).orderBy("sort_order").execute(),
    ]);
    return { districts, fields, languages };
  });
}

/** One volunteer's full profile by user id (no scoping here: callers scope first). */
async function loadProfile(userId: string) {
  const db = getDb();
  const profile = await db
    .selectFrom("volunteer_profile as p")
    .innerJoin("user as u", "u.id", "p.user_id")
    .leftJoin("district as d", "d.id", "p.district_id")
    .select([
      "p.user_id as id",
      "u.name",
      "u.email",
      "u.locale",
      "u.disabled_at",
      "p.phone",
      "p.district_id",
      "d.name as district",
      "p.has_car",
      "p.gender",
      "p.birth_year",
      "p.status",
      "p.status_changed_at",
      "p.intake_on",
      "p.intake_notes",
      "p.erased_at",
      "p.created_at",
    ])
    .where("p.user_id", "=", userId)
    .executeTakeFirst();
  if (!profile) return null;
  const [languages, skills, fields, availability] = await Promise.all([
    db
      .selectFrom("volunteer_language as l")
      .innerJoin("language", "language.code", "l.language_code")
      .select(["l.language_code as code", "l.level", "language.name_native", "language.name_de"])
      .where("l.user_id", "=", userId)
      .orderBy("language.sort_order")
      .execute(),
    db.selectFrom("volunteer_skill").select("skill").where("user_id", "=", userId).orderBy("skill_key").orderBy("skill").execute(),
    db
      .selectFrom("volunteer_field as f")
      .innerJoin("field_of_action as foa", "foa.id", "f.field_id")
      .select(["foa.id", "foa.slug", "foa.name"])
      .where("f.user_id", "=", userId)
      .orderBy("foa.sort_order")
      .execute(),
    db.selectFrom("volunteer_availability").select(["weekday", "slot"]).where("user_id", "=", userId).execute(),
  ]);
  return { ...profile, languages, skills: skills.map((s) => s.skill), fields, availability };
}
export type VolunteerProfile = NonNullable<Awaited<ReturnType<typeof loadProfile>>>;

/** The actor's own profile (volunteers see only themselves), or null before step 2. */
export async function getOwnProfile(actor: Actor) {
  const p = await loadProfile(actor.userId);
  return p && !p.erased_at ? p : null;
}

/** Registration progress of the actor (server-side step state). */
export async function getRegistrationState(actor: Actor | null) {
  if (!actor) return { loggedIn: false, hasProfile: false, hasConsents: false };
  const profile = await getDb().selectFrom("volunteer_profile").select(["user_id", "erased_at"]).where("user_id", "=", actor.userId).executeTakeFirst();
  return { loggedIn: true, hasProfile: !!profile && !profile.erased_at, hasConsents: await hasRequiredConsents(actor.userId) };
}

/** The volunteer's home: profile, consents, status history. */
export async function getOwnOverview(actor: Actor) {
  const [profile, consents, history, complete] = await Promise.all([
    getOwnProfile(actor),
    listConsentRecords(actor.userId),
    getDb().selectFrom("volunteer_status_history").select(["to_status", "changed_at"]).where("user_id", "=", actor.userId).orderBy("id", "desc").limit(10).execute(),
    hasRequiredConsents(actor.userId),
  ]);
  return { profile, consents, history, consentsComplete: complete };
}

/**
 * A volunteer's record for staff. Coordinators see all; association members will see the
 * volunteers with assignments for their association once assignments exist — until then none.
 */
export async function getVolunteerForStaff(actor: Actor, userId: string) {
  if (!can(actor, "read:volunteer:any")) return null;
  const profile = await loadProfile(userId);
  if (!profile || profile.erased_at) return null;
  const db = getDb();
  const [history, consents, consentsComplete] = await Promise.all([
    db
      .selectFrom("volunteer_status_history as h")
      .leftJoin("user as u", "u.id", "h.changed_by")
      .select(["h.id", "h.from_status", "h.to_status", "h.reason", "h.changed_at", "u.name as changed_by_name"])
      .where("h.user_id", "=", userId)
      .orderBy("h.id", "desc")
      .execute(),
    listConsentRecords(userId),
    hasRequiredConsents(userId),
  ]);
  return { ...profile, history, consents, consentsComplete };
}

/** The office detail view: scoped read plus the access-log entry (every staff view is logged). */
export async function viewVolunteerAsStaff(actor: Actor, userId: string, now = new Date()) {
  const record = await getVolunteerForStaff(actor, userId);
  if (!record) return null;
  // `via`: the page, for the privacy desk's access log (issue #17).
  await singleStatementWrite((db) => recordView(db, { actorUserId: actor.userId, entity: "volunteer", entityId: userId, via: `/office/volunteers/${userId}`, now }));
  return record;
}

/**
 * A volunteer's record for an association member: only if the volunteer has a current or
 * upcoming assignment with one of the member's organisations (else null → 404, whether the id
 * exists or not). Only what is needed to work together — name, contact, district, languages,
 * skills, availability and the assignments with the member's organisations (past ones too) —
 * never certificates, consents, status history, intake notes or other organisations' assignments.
 * The view is written to the access log.
 */
export async function viewVolunteerAsAssociation(actor: Actor, userId: string, today: string, now = new Date()) {
  const scope = associationVolunteerScope(actor);
  if (!scope) throw forbidden();
  await requireDeclarationToSeeOthers(actor);
  const link = await assignedTo(scope.organisationIds, today).select("a.organisation_id").where("a.volunteer_user_id", "=", userId).executeTakeFirst();
  if (!link) return null;
  requirePermission(actor, "read:assigned-volunteer:own", { organisationId: link.organisation_id });
  const p = await loadProfile(userId);
  if (!p || p.erased_at) return null;
  const assignments = await listAssignmentsOfWith(userId, scope.organisationIds);
  await singleStatementWrite((db) => recordVolunteerViews(actor, [userId], "association", db, now));
  return {
    id: p.id,
    name: p.name,
    email: p.email,
    phone: p.phone,
    district: p.district,
    languages: p.languages,
    skills: p.skills,
    availability: p.availability,
    assignments: assignments.map((a) => ({
      id: a.id,
      activity: a.activity,
      fieldName: a.fieldName,
      organisationName: a.organisationName,
      startDay: a.startDay,
      endDay: a.endDay,
      closedOn: a.closedOn,
      worksWithMinors: a.worksWithMinors,
    })),
  };
}
