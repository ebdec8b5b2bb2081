import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import { can, type Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { getDb, transaction } from "~/utils/db.server";
import { AppError, notFound } from "~/utils/errors";
import { ehrenamtskarteEligibility, isRunningOn, totalsPerYear } from "./policy";
import type { HoursInput } from "./schema";
import { refreshVolunteerFacts } from "./volunteer-facts.server";
import { getAssignment } from "./assignments.server";

const entries = (db: Kysely<DB>) =>
  db
    .selectFrom("hours_entry")
    .innerJoin("assignment", "assignment.id", "hours_entry.assignment_id")
    .innerJoin("user", "user.id", "assignment.volunteer_user_id")
    .innerJoin("organisation", "organisation.id", "assignment.organisation_id")
    .select([
      "hours_entry.id",
      "hours_entry.assignment_id as assignmentId",
      "hours_entry.day",
      "hours_entry.hours",
      "hours_entry.note",
      "hours_entry.status",
      "hours_entry.decision_reason as decisionReason",
      "hours_entry.decided_at as decidedAt",
      "hours_entry.created_at as createdAt",
      "assignment.activity",
      "assignment.organisation_id as organisationId",
      "organisation.name as organisationName",
      "assignment.volunteer_user_id as volunteerId",
      "user.name as volunteerName",
    ]);

/** The volunteer logs hours for one of their own assignments, on a day it ran (not in the future). */
export async function logHours(actor: Actor, input: HoursInput, today: string, now = new Date()): Promise<number> {
  return transaction(async (trx) => {
    const a = await trx
      .selectFrom("assignment")
      .select(["id", "volunteer_user_id", "start_day as startDay", "end_day as endDay", "closed_on as closedOn"])
      .where("id", "=", input.assignmentId)
      .where("volunteer_user_id", "=", actor.userId)
      .executeTakeFirst();
    if (!a) throw new AppError("errors.invalidChoice", 400, "assignmentId");
    requirePermission(actor, "log:hours:own", { userId: a.volunteer_user_id });
    if (input.day > today) throw new AppError("coverage:errors.dayInFuture", 400, "day");
    if (!isRunningOn(a, input.day)) throw new AppError("coverage:errors.dayOutsideAssignment", 400, "day");
    const { id } = await trx
      .insertInto("hours_entry")
      .values({ assignment_id: a.id, day: input.day, hours: input.hours, note: input.note ?? null, status: "submitted", decided_by: null, decided_at: null, decision_reason: null, created_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await syncTasks(trx, "hours-confirm", [id], now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "log", entity: "hours", entityId: id, now });
    return id;
  });
}

export { eligibilityConfig } from "./config.server";
import { eligibilityConfig } from "./config.server";
import { closeTasksFor, syncTasks } from "~/modules/tasks/tasks.server";

/** The volunteer's own hours with totals per year and Ehrenamtskarte eligibility (confirmed hours only). */
export async function getOwnHours(actor: Actor, today: string) {
  requirePermission(actor, "log:hours:own", { userId: actor.userId });
  const rows = await entries(getDb()).where("assignment.volunteer_user_id", "=", actor.userId).orderBy("hours_entry.day", "desc").orderBy("hours_entry.id", "desc").limit(500).execute();
  const confirmed = rows.filter((r) => r.status === "confirmed");
  return { rows, totals: totalsPerYear(confirmed), eligibility: ehrenamtskarteEligibility(confirmed, today, eligibilityConfig()), config: eligibilityConfig() };
}

/** One hours entry the actor may decide (office: any; association member: their organisations'); null → 404. */
export async function getHoursEntryToDecide(actor: Actor, id: number) {
  const row = await entries(getDb()).where("hours_entry.id", "=", id).executeTakeFirst();
  if (!row || !can(actor, "decide:hours:own", { organisationId: row.organisationId })) return null;
  return row;
}

export async function decideHours(actor: Actor, input: { intent: "confirm" | "reject"; entryId: number; reason?: string }, now = new Date()) {
  await transaction(async (trx) => {
    const row = await entries(trx).where("hours_entry.id", "=", input.entryId).executeTakeFirst();
    if (!row) throw new AppError("errors.notFound", 404);
    if (!can(actor, "decide:hours:any") && !can(actor, "decide:hours:own", { organisationId: row.organisationId })) throw new AppError("errors.notFound", 404);
    if (row.volunteerId === actor.userId) throw new AppError("coverage:errors.ownHours", 400);
    if (row.status !== "submitted") throw new AppError("coverage:errors.alreadyDecided", 400);
    await trx
      .updateTable("hours_entry")
      .set({ status: input.intent === "confirm" ? "confirmed" : "rejected", decided_by: actor.userId, decided_at: now.toISOString(), decision_reason: input.reason ?? null })
      .where("id", "=", input.entryId)
      .execute();
    await closeTasksFor(trx, "hours-confirm", input.entryId, now);
    await recordAudit(trx, { actorUserId: actor.userId, action: input.intent, entity: "hours", entityId: input.entryId, now });
    await refreshVolunteerFacts(trx, [row.volunteerId], now);
  });
}

/** Confirmed hours of one assignment the actor may read (for the Engagementnachweis); missing → `notFound`. */
export async function confirmedHoursOf(actor: Actor, assignmentId: number) {
  if (!(await getAssignment(actor, assignmentId, { logView: false }))) throw notFound();
  const rows = await getDb().selectFrom("hours_entry").select(["day", "hours"]).where("assignment_id", "=", assignmentId).where("status", "=", "confirmed").execute();
  return Math.round(rows.reduce((s, r) => s + r.hours, 0) * 100) / 100;
}
