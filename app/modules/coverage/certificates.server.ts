import { sql, type Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { getDb, transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { getVolunteer } from "./assignments.server";
import { certificateDeletionDay, certificateNeededOn, certificateProblem, certificateStatus, reinspectionDueOn } from "./policy";
import type { InspectionInput } from "./schema";
import { recordVolunteerViews } from "~/modules/volunteers/access-log.server";
import { refreshVolunteerFacts } from "./volunteer-facts.server";

export { certificateConfig } from "./config.server";
import { certificateConfig } from "./config.server";

type MinorsAssignment = { startDay: string; endDay: string | null; closedOn: string | null };

/** The assignments with minors of each of these volunteers (one query, not one per volunteer). */
export async function minorsAssignmentsOf(db: Kysely<DB>, volunteerUserIds: string[]): Promise<Map<string, MinorsAssignment[]>> {
  const out = new Map<string, MinorsAssignment[]>(volunteerUserIds.map((id) => [id, []]));
  if (!volunteerUserIds.length) return out;
  const rows = await db
    .selectFrom("assignment")
    .select(["volunteer_user_id as volunteerId", "start_day as startDay", "end_day as endDay", "closed_on as closedOn"])
    // A literal 1, so SQLite may use the partial index `assignment_minors_idx`.
    .where(sql<boolean>`works_with_minors = 1`)
    .where("volunteer_user_id", "in", volunteerUserIds)
    .execute();
  for (const r of rows) out.get(r.volunteerId)?.push({ startDay: r.startDay, endDay: r.endDay, closedOn: r.closedOn });
  return out;
}

async function minorsAssignments(db: Kysely<DB>, volunteerUserId: string) {
  return db
    .selectFrom("assignment")
    .select(["start_day as startDay", "end_day as endDay", "closed_on as closedOn"])
    .where("volunteer_user_id", "=", volunteerUserId)
    .where("works_with_minors", "=", 1)
    .execute();
}

/**
 * Records an inspection of an extended certificate. Only the facts § 72a (5) SGB VIII
 * allows; refused if the certificate is too old or the volunteer has no assignment with
 * minors that could start (the record would have to be deleted at once).
 */
export async function recordInspection(actor: Actor, input: InspectionInput, today: string, now = new Date()): Promise<number> {
  requirePermission(actor, "manage:certificate:any");
  const cfg = certificateConfig();
  if (input.inspectedOn > today) throw new AppError("coverage:errors.dayInFuture", 400, "inspectedOn");
  const problem = certificateProblem(input.certificateDate, input.inspectedOn, cfg.maxAgeMonths);
  if (problem === "tooOld") throw new AppError("coverage:errors.certificateTooOld", 400, "certificateDate", { months: cfg.maxAgeMonths });
  if (problem === "inFuture") throw new AppError("coverage:errors.certificateAfterInspection", 400, "certificateDate");
  return transaction(async (trx) => {
    if (!(await getVolunteer(input.volunteerId, trx))) throw new AppError("coverage:errors.noSuchVolunteer", 400, "volunteerId");
    const minors = await minorsAssignments(trx, input.volunteerId);
    const deletion = certificateDeletionDay(input.inspectedOn, minors, cfg.deleteAfterMonths);
    if (deletion !== null && deletion <= input.inspectedOn) throw new AppError("coverage:errors.noMinorsAssignment", 400, "volunteerId");
    const { id } = await trx
      .insertInto("certificate_inspection")
      .values({
        volunteer_user_id: input.volunteerId,
        inspected: input.inspected === "yes" ? 1 : 0,
        certificate_date: input.certificateDate,
        relevant_conviction: input.relevantConviction === "yes" ? 1 : 0,
        inspected_by: actor.userId,
        inspected_on: input.inspectedOn,
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: actor.userId, action: "inspect", entity: "certificate", entityId: id, details: { volunteer: input.volunteerId }, now });
    await refreshVolunteerFacts(trx, [input.volunteerId], now);
    return id;
  });
}

const latestPerVolunteer = (db: Kysely<DB>) =>
  db
    .selectFrom("certificate_inspection as c")
    .innerJoin("user", "user.id", "c.volunteer_user_id")
    .leftJoin("user as inspector", "inspector.id", "c.inspected_by")
    .select([
      "c.id",
      "c.volunteer_user_id as volunteerId",
      "user.name as volunteerName",
      "user.email as volunteerEmail",
      "user.locale as volunteerLocale",
      "c.inspected",
      "c.certificate_date as certificateDate",
      "c.relevant_conviction as relevantConviction",
      "c.inspected_on as inspectedOn",
      "inspector.name as inspectorName",
    ])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("certificate_inspection as newer")
            .select("newer.id")
            .whereRef("newer.volunteer_user_id", "=", "c.volunteer_user_id")
            .whereRef("newer.id", ">", "c.id"),
        ),
      ),
    );

/** Every inspection record whose deletion day has come (the daily job deletes them). */
export async function listDeletableInspections(db: Kysely<DB>, today: string) {
  const cfg = certificateConfig();
  const rows = await db.selectFrom("certificate_inspection").select(["id", "volunteer_user_id as volunteerId", "inspected_on as inspectedOn"]).execute();
  const minors = await minorsAssignmentsOf(db, [...new Set(rows.map((r) => r.volunteerId))]);
  const due: Array<{ id: number; volunteerId: string; deletionDay: string }> = [];
  for (const r of rows) {
    const d = certificateDeletionDay(r.inspectedOn, minors.get(r.volunteerId) ?? [], cfg.deleteAfterMonths);
    if (d !== null && d <= today) due.push({ id: r.id, volunteerId: r.volunteerId, deletionDay: d });
  }
  return due;
}

/**
 * Latest inspections whose re-inspection is due within `days` (or overdue), of volunteers who
 * still need a certificate (an assignment with minors runs or is to come); for the others the
 * record only waits for its deletion.
 */
export async function listDueReinspections(db: Kysely<DB>, today: string) {
  const cfg = certificateConfig();
  const rows = await latestPerVolunteer(db).where("c.inspected", "=", 1).where("c.relevant_conviction", "=", 0).execute();
  const due = rows
    .map((r) => ({ ...r, status: certificateStatus({ certificateDate: r.certificateDate, inspectedOn: r.inspectedOn, relevantConviction: false, inspected: true }, today, cfg.reinspectYears, cfg.reminderDays) }))
    .filter((r) => r.status.state === "dueSoon" || r.status.state === "overdue")
    .map((r) => ({ ...r, dueOn: reinspectionDueOn(r.certificateDate, cfg.reinspectYears), overdue: r.status.state === "overdue" }));
  const minors = await minorsAssignmentsOf(db, due.map((r) => r.volunteerId));
  return due.filter((r) => certificateNeededOn(minors.get(r.volunteerId) ?? [], today));
}

/** The volunteer's own certificate status (or staff looking at one volunteer: logged). */
export async function getCertificateStatus(actor: Actor, volunteerUserId: string, today: string) {
  if (actor.userId === volunteerUserId) requirePermission(actor, "read:certificate:own", { userId: volunteerUserId });
  else requirePermission(actor, "manage:certificate:any");
  const cfg = certificateConfig();
  const db = getDb();
  const latest = await latestPerVolunteer(db).where("c.volunteer_user_id", "=", volunteerUserId).executeTakeFirst();
  const minors = await minorsAssignments(db, volunteerUserId);
  await recordVolunteerViews(actor, [volunteerUserId], "certificate");
  return {
    latest: latest ?? null,
    needed: certificateNeededOn(minors, today),
    status: certificateStatus(latest ? { certificateDate: latest.certificateDate, inspectedOn: latest.inspectedOn, relevantConviction: !!latest.relevantConviction, inspected: !!latest.inspected } : null, today, cfg.reinspectYears, cfg.reminderDays),
    deletionDay: latest ? certificateDeletionDay(latest.inspectedOn, minors, cfg.deleteAfterMonths) : null,
    maxAgeMonths: cfg.maxAgeMonths,
  };
}

