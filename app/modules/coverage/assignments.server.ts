import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { DB } from "@db/schema";
import { can, type Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { getDb, transaction } from "~/utils/db.server";
import { AppError, forbidden, notFound } from "~/utils/errors";
import { ERASURE_CLOSE_CODE } from "./close-reason";
import { isCoveredOn, type AssignmentFacts } from "./policy";
import type { AssignmentInput } from "./schema";
import { staffScope, type StaffScope } from "./scope.server";
import { recordVolunteerViews } from "~/modules/volunteers/access-log.server";
import { containsFolded, containsLowerCase } from "~/utils/like.server";
import { runningOnSql } from "./cover-sql.server";
import { refreshVolunteerFacts } from "./volunteer-facts.server";
import { germanSortKey } from "~/utils/text-keys";
import { syncTasks } from "~/modules/tasks/tasks.server";

const PAGE_SIZE = 25;

/** The volunteer's name, or (after an erasure request) the name kept as insurance evidence. (`user` quoted: a reserved word on PostgreSQL.) */
const volunteerName = sql<string>`coalesce(${sql.ref("cover_evidence.name")}, ${sql.ref("user.name")})`;
/** Its sort key (`germanSortKey`, migration 0030). */
const volunteerNameKey = sql<string>`coalesce(${sql.ref("cover_evidence.name_key")}, ${sql.ref("user.name_key")})`;

const base = (db: Kysely<DB>) =>
  db
    .selectFrom("assignment")
    .innerJoin("user", "user.id", "assignment.volunteer_user_id")
    .leftJoin("cover_evidence", "cover_evidence.user_id", "assignment.volunteer_user_id")
    .innerJoin("organisation", "organisation.id", "assignment.organisation_id")
    .innerJoin("field_of_action", "field_of_action.id", "assignment.field_of_action_id")
    .select([
      "assignment.id",
      "assignment.volunteer_user_id as volunteerId",
      volunteerName.as("volunteerName"),
      "user.email as volunteerEmail",
      "user.locale as volunteerLocale",
      "assignment.activity",
      "assignment.field_of_action_id as fieldOfActionId",
      "field_of_action.name as fieldName",
      "assignment.organisation_id as organisationId",
      "organisation.name as organisationName",
      "organisation.legal_form as legalForm",
      "organisation.insurer",
      "organisation.policy_number as policyNumber",
      "organisation.policy_valid_until as policyValidUntil",
      "organisation.street as organisationStreet",
      "organisation.postal_code as organisationPostalCode",
      "organisation.town as organisationTown",
      "assignment.start_day as startDay",
      "assignment.end_day as endDay",
      "assignment.document_ref as documentRef",
      "assignment.works_with_minors as worksWithMinors",
      "assignment.closed_on as closedOn",
      "assignment.close_reason as closeReason",
      "assignment.created_at as createdAt",
      "assignment.updated_at as updatedAt",
    ]);

export type AssignmentRow = Awaited<ReturnType<ReturnType<typeof base>["executeTakeFirstOrThrow"]>>;

export function toFacts(r: AssignmentRow): AssignmentFacts {
  return {
    id: r.id,
    activity: r.activity,
    startDay: r.startDay,
    endDay: r.endDay,
    closedOn: r.closedOn,
    organiser: { id: r.organisationId, name: r.organisationName, legalForm: r.legalForm, insurer: r.insurer, policyNumber: r.policyNumber, policyValidUntil: r.policyValidUntil },
  };
}

function scoped(scope: Exclude<StaffScope, null>, db = getDb()) {
  const q = base(db);
  return scope.all ? q : q.where("assignment.organisation_id", "in", scope.organisationIds);
}

/** `from`/`to` (days, inclusive): running on at least one day of that period, as the report counts (issue #16). */
export type AssignmentFilters = { q?: string; organisationId?: number; fieldOfActionId?: number; state?: "running" | "ended" | "closed"; minors?: boolean; from?: string; to?: string; page?: number };

/** Office list: coordinators see all, association members their organisations' assignments. */
export async function listAssignments(actor: Actor, f: AssignmentFilters, today: string) {
  const scope = staffScope(actor);
  if (!scope) throw forbidden();
  let q = scoped(scope);
  if (f.q) q = q.where((eb) => eb.or([containsFolded("user.name_key", f.q!), containsFolded("assignment.activity_key", f.q!)]));
  if (f.organisationId) q = q.where("assignment.organisation_id", "=", f.organisationId);
  if (f.fieldOfActionId) q = q.where("assignment.field_of_action_id", "=", f.fieldOfActionId);
  if (f.minors) q = q.where("assignment.works_with_minors", "=", 1);
  if (f.state === "closed") q = q.where("assignment.closed_on", "is not", null);
  if (f.state === "running") q = q.where(runningOnSql("assignment", today));
  if (f.state === "ended") q = q.where("assignment.closed_on", "is", null).where("assignment.end_day", "<", today);
  if (f.to) q = q.where("assignment.start_day", "<=", f.to);
  if (f.from) q = q.where((eb) => eb.or([eb("assignment.end_day", "is", null), eb("assignment.end_day", ">=", f.from!)])).where((eb) => eb.or([eb("assignment.closed_on", "is", null), eb("assignment.closed_on", ">=", f.from!)]));
  const page = Math.max(1, f.page ?? 1);
  const [{ total }, items] = await Promise.all([
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
    q.orderBy("assignment.start_day", "desc").orderBy("assignment.id", "desc").limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE).execute(),
  ]);
  return { items, total: Number(total), page, pageSize: PAGE_SIZE };
}

/** One assignment scoped by the actor (staff scope or the volunteer's own); null → 404. Staff views are logged. */
export async function getAssignment(actor: Actor, id: number, opts: { logView?: boolean; staffOnly?: boolean } = {}) {
  const scope = staffScope(actor);
  let row: AssignmentRow | undefined;
  if (scope) row = await scoped(scope).where("assignment.id", "=", id).executeTakeFirst();
  if (!row && !opts.staffOnly) row = await base(getDb()).where("assignment.id", "=", id).where("assignment.volunteer_user_id", "=", actor.userId).executeTakeFirst();
  if (!row) return null;
  if (opts.logView !== false) await recordVolunteerViews(actor, [row.volunteerId], `assignment:${id}`);
  return row;
}

/** One of the volunteer's own assignments (never anyone else's); null → 404. */
export async function getOwnAssignment(actor: Actor, id: number) {
  return (await base(getDb()).where("assignment.id", "=", id).where("assignment.volunteer_user_id", "=", actor.userId).executeTakeFirst()) ?? null;
}

/** The change history of an assignment the actor may read (staff scope or their own); missing → `notFound`. */
export async function getAssignmentHistory(actor: Actor, id: number) {
  if (!(await getAssignment(actor, id, { logView: false }))) throw notFound();
  return getDb()
    .selectFrom("assignment_history")
    .leftJoin("user", "user.id", "assignment_history.changed_by")
    .select(["assignment_history.id", "assignment_history.action", "assignment_history.snapshot", "assignment_history.changed_at as changedAt", "user.name as changedByName"])
    .where("assignment_id", "=", id)
    .orderBy("assignment_history.id")
    .execute();
}

/** A volunteer's assignments (all of them, as facts for cover questions). */
export async function listAssignmentsOf(volunteerUserId: string, db: Kysely<DB> = getDb()) {
  return base(db).where("assignment.volunteer_user_id", "=", volunteerUserId).orderBy("assignment.start_day", "desc").orderBy("assignment.id", "desc").execute();
}

/** A volunteer's assignments with some organisations only (what an association member may see), newest first. */
export async function listAssignmentsOfWith(volunteerUserId: string, organisationIds: number[], db: Kysely<DB> = getDb()) {
  if (!organisationIds.length) return [];
  return base(db)
    .where("assignment.volunteer_user_id", "=", volunteerUserId)
    .where("assignment.organisation_id", "in", organisationIds)
    .orderBy("assignment.start_day", "desc")
    .orderBy("assignment.id", "desc")
    .execute();
}

/** The cover facts of the assignments of several volunteers (a page of a list). */
export async function coverFactsOf(volunteerUserIds: string[], db: Kysely<DB> = getDb()) {
  if (!volunteerUserIds.length) return [];
  const rows = await base(db).where("assignment.volunteer_user_id", "in", volunteerUserIds).execute();
  return rows.map((r) => ({ volunteerId: r.volunteerId, facts: toFacts(r) }));
}

export async function getAssignmentOptions() {
  const db = getDb();
  const [organisations, fields] = await Promise.all([
    db.selectFrom("organisation").select(["id", "name", "legal_form"]).where("archived_at", "is", null).orderBy("name_key").orderBy("name").orderBy("id").execute(),
    db.selectFrom("field_of_action").select(["id", "name"]).where("active", "=", 1).orderBy("sort_order").execute(),
  ]);
  return { organisations, fields };
}

/** Volunteers by name for the office pickers (coordinators only). */
export async function searchVolunteers(actor: Actor, q: string) {
  requirePermission(actor, "read:assignment:any");
  return getDb()
    .selectFrom("user")
    .innerJoin("user_role", (j) => j.onRef("user_role.user_id", "=", "user.id").on("user_role.role", "=", "volunteer"))
    .leftJoin("cover_evidence", "cover_evidence.user_id", "user.id")
    .select(["user.id", volunteerName.as("name"), "user.email"])
    .where((eb) => eb.or([containsFolded("user.name_key", q), containsLowerCase("user.email", q), containsFolded("cover_evidence.name_key", q)]))
    .orderBy(volunteerNameKey)
    .orderBy("name")
    .orderBy("user.id")
    .limit(20)
    .execute();
}

export async function getVolunteer(id: string, db: Kysely<DB> = getDb()) {
  return db
    .selectFrom("user")
    .innerJoin("user_role", (j) => j.onRef("user_role.user_id", "=", "user.id").on("user_role.role", "=", "volunteer"))
    .leftJoin("cover_evidence", "cover_evidence.user_id", "user.id")
    .select(["user.id", volunteerName.as("name"), "user.email", "user.locale", "user.disabled_at as disabledAt"])
    .where("user.id", "=", id)
    .executeTakeFirst();
}

async function appendHistory(trx: Kysely<DB>, id: number, action: "create" | "update" | "close", actorId: string, now: Date) {
  const row = await trx.selectFrom("assignment").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  await trx.insertInto("assignment_history").values({ assignment_id: id, action, snapshot: JSON.stringify(row), changed_by: actorId, changed_at: now.toISOString() }).execute();
}

export async function createAssignment(actor: Actor, input: AssignmentInput, now = new Date()): Promise<number> {
  requirePermission(actor, "manage:assignment:any");
  return transaction(async (trx) => {
    // A disabled (or erased) account gets no new assignment.
    const volunteer = await getVolunteer(input.volunteerId, trx);
    if (!volunteer || volunteer.disabledAt) throw new AppError("coverage:errors.noSuchVolunteer", 400, "volunteerId");
    const org = await trx.selectFrom("organisation").select("id").where("id", "=", input.organisationId).where("archived_at", "is", null).executeTakeFirst();
    if (!org) throw new AppError("errors.invalidChoice", 400, "organisationId");
    const field = await trx.selectFrom("field_of_action").select("id").where("id", "=", input.fieldOfActionId).executeTakeFirst();
    if (!field) throw new AppError("errors.invalidChoice", 400, "fieldOfActionId");
    const ts = now.toISOString();
    const { id } = await trx
      .insertInto("assignment")
      .values({
        volunteer_user_id: input.volunteerId,
        activity: input.activity,
        activity_key: germanSortKey(input.activity),
        field_of_action_id: input.fieldOfActionId,
        organisation_id: input.organisationId,
        start_day: input.startDay,
        end_day: input.endDay ?? null,
        document_ref: input.documentRef,
        works_with_minors: input.worksWithMinors ? 1 : 0,
        closed_on: null,
        close_reason: null,
        created_by: actor.userId,
        created_at: ts,
        updated_by: actor.userId,
        updated_at: ts,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendHistory(trx, id, "create", actor.userId, now);
    await refreshVolunteerFacts(trx, [input.volunteerId], now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "create", entity: "assignment", entityId: id, details: { volunteer: input.volunteerId }, now });
    return id;
  });
}

/** Closing ends the cover the assignment documents; the record and its history stay. */
export async function closeAssignment(actor: Actor, id: number, input: { closedOn: string; reason: string }, now = new Date()) {
  requirePermission(actor, "manage:assignment:any");
  await transaction(async (trx) => {
    const row = await trx.selectFrom("assignment").select(["closed_on", "volunteer_user_id"]).where("id", "=", id).executeTakeFirst();
    if (!row) throw new AppError("errors.notFound", 404);
    if (row.closed_on) throw new AppError("coverage:errors.alreadyClosed", 400);
    await trx
      .updateTable("assignment")
      .set({ closed_on: input.closedOn, close_reason: input.reason, updated_by: actor.userId, updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
    await appendHistory(trx, id, "close", actor.userId, now);
    await refreshVolunteerFacts(trx, [row.volunteer_user_id], now);
    await syncTasks(trx, "cover-ending", [id], now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "close", entity: "assignment", entityId: id, now });
  });
}

/** Changes the end day or the document reference of an open assignment; the history keeps the previous state. */
export async function updateAssignment(actor: Actor, id: number, input: { endDay?: string; documentRef: string }, now = new Date()) {
  requirePermission(actor, "manage:assignment:any");
  await transaction(async (trx) => {
    const row = await trx.selectFrom("assignment").select(["closed_on", "start_day", "volunteer_user_id"]).where("id", "=", id).executeTakeFirst();
    if (!row) throw new AppError("errors.notFound", 404);
    if (row.closed_on) throw new AppError("coverage:errors.alreadyClosed", 400);
    if (input.endDay && input.endDay < row.start_day) throw new AppError("coverage:errors.endBeforeStart", 400, "endDay");
    await trx
      .updateTable("assignment")
      .set({ end_day: input.endDay ?? null, document_ref: input.documentRef, updated_by: actor.userId, updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
    await appendHistory(trx, id, "update", actor.userId, now);
    await refreshVolunteerFacts(trx, [row.volunteer_user_id], now);
    await syncTasks(trx, "cover-ending", [id], now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "update", entity: "assignment", entityId: id, now });
  });
}

/**
 * Part of an erasure request (inside its transaction): every assignment of the volunteer that
 * has not ended is closed as of `today` (the history keeps the previous state). Returns all of
 * the volunteer's assignments as they are afterwards.
 */
export async function closeAssignmentsOnErasure(trx: Kysely<DB>, userId: string, today: string, now: Date) {
  const open = await trx
    .selectFrom("assignment")
    .select("id")
    .where("volunteer_user_id", "=", userId)
    .where("closed_on", "is", null)
    .where((eb) => eb.or([eb("end_day", "is", null), eb("end_day", ">=", today)]))
    .execute();
  for (const { id } of open) {
    await trx.updateTable("assignment").set({ closed_on: today, close_reason: ERASURE_CLOSE_CODE, updated_by: userId, updated_at: now.toISOString() }).where("id", "=", id).execute();
    await appendHistory(trx, id, "close", userId, now);
    await recordAudit(trx, { actorUserId: userId, action: "close", entity: "assignment", entityId: id, details: { erasure: true }, now });
  }
  return trx.selectFrom("assignment").select(["start_day as startDay", "end_day as endDay", "closed_on as closedOn"]).where("volunteer_user_id", "=", userId).execute();
}

const TRACKED = ["end_day", "document_ref", "closed_on", "close_reason"] as const;
/** The tracked fields that hold a calendar day; every other field is text and shown as text. */
const DAY_FIELDS: ReadonlySet<string> = new Set(["end_day", "closed_on"]);

/** The history with what each entry changed against the one before (field → new value). */
export async function getAssignmentChanges(actor: Actor, id: number) {
  const entries = await getAssignmentHistory(actor, id);
  let previous: Record<string, unknown> | null = null;
  return entries.map((h) => {
    const snapshot = JSON.parse(h.snapshot) as Record<string, unknown>;
    const changes = previous ? TRACKED.filter((k) => previous![k] !== snapshot[k]).map((k) => ({ field: k, value: (snapshot[k] as string | null) ?? "", isDay: DAY_FIELDS.has(k) })) : [];
    previous = snapshot;
    return { id: h.id, action: h.action, changedAt: h.changedAt, changedByName: h.changedByName, changes };
  });
}

/** "Covered on day D?" for the office; the look-up is written to the access log. */
export async function checkCoverage(actor: Actor, volunteerId: string, day: string, activity?: string) {
  requirePermission(actor, "read:assignment:any");
  const volunteer = await getVolunteer(volunteerId);
  if (!volunteer) return null;
  const rows = await listAssignmentsOf(volunteerId);
  await recordVolunteerViews(actor, [volunteerId], `coverage:${day}`);
  return { volunteer, answer: isCoveredOn(rows.map(toFacts), day, activity), assignments: rows };
}

/** Who was assigned to an activity (of an organisation) on a day: the dated helper list. */
export async function listHelpersOn(actor: Actor, args: { day: string; activity?: string; organisationId?: number }) {
  const scope = staffScope(actor);
  if (!scope) throw forbidden();
  let q = scoped(scope).where(runningOnSql("assignment", args.day));
  if (args.organisationId) q = q.where("assignment.organisation_id", "=", args.organisationId);
  if (args.activity) q = q.where(containsFolded("assignment.activity_key", args.activity));
  return q.orderBy("assignment.activity_key").orderBy("assignment.activity").orderBy(volunteerNameKey).orderBy("volunteerName").orderBy("assignment.id").limit(2000).execute();
}

export const canManageAssignments = (actor: Actor) => can(actor, "manage:assignment:any");
