/** Factories of the coverage module: valid assignments, inspections and hours with overrides. */
import type { Kysely } from "kysely";
import type { DB, HoursStatus } from "../../db/schema";
import { refreshVolunteerFacts } from "../../app/modules/coverage/volunteer-facts.server";
import { germanSortKey } from "../../app/utils/text-keys";

// Like the commands, each factory keeps the volunteer's derived facts current (ADR 0019).

export async function createTestAssignment(
  db: Kysely<DB>,
  o: { volunteerId: string; organisationId: number; createdBy: string } & Partial<{
    activity: string;
    fieldOfActionId: number;
    startDay: string;
    endDay: string | null;
    closedOn: string | null;
    closeReason: string | null;
    worksWithMinors: boolean;
    documentRef: string;
  }>,
) {
  const now = new Date().toISOString();
  const field = o.fieldOfActionId ?? (await db.selectFrom("field_of_action").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
  const { id } = await db
    .insertInto("assignment")
    .values({
      volunteer_user_id: o.volunteerId,
      activity: o.activity ?? "Sprachcafé",
      activity_key: germanSortKey(o.activity ?? "Sprachcafé"),
      field_of_action_id: field,
      organisation_id: o.organisationId,
      start_day: o.startDay ?? "2026-01-01",
      end_day: o.endDay === undefined ? null : o.endDay,
      document_ref: o.documentRef ?? "AZ 51/2026",
      works_with_minors: o.worksWithMinors ? 1 : 0,
      closed_on: o.closedOn ?? null,
      close_reason: o.closedOn ? (o.closeReason ?? "Ende") : null,
      created_by: o.createdBy,
      created_at: now,
      updated_by: o.createdBy,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await refreshVolunteerFacts(db, [o.volunteerId], new Date());
  return { id };
}

export async function createTestInspection(
  db: Kysely<DB>,
  o: { volunteerId: string; inspectedBy: string } & Partial<{ certificateDate: string; inspectedOn: string; relevantConviction: boolean }>,
) {
  const { id } = await db
    .insertInto("certificate_inspection")
    .values({
      volunteer_user_id: o.volunteerId,
      inspected: 1,
      certificate_date: o.certificateDate ?? "2026-01-10",
      relevant_conviction: o.relevantConviction ? 1 : 0,
      inspected_by: o.inspectedBy,
      inspected_on: o.inspectedOn ?? "2026-02-01",
      created_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await refreshVolunteerFacts(db, [o.volunteerId], new Date());
  return { id };
}

export async function createTestHours(db: Kysely<DB>, o: { assignmentId: number } & Partial<{ day: string; hours: number; status: HoursStatus; createdAt: string }>) {
  const { id } = await db
    .insertInto("hours_entry")
    .values({
      assignment_id: o.assignmentId,
      day: o.day ?? "2026-02-02",
      hours: o.hours ?? 2,
      note: null,
      status: o.status ?? "submitted",
      decided_by: null,
      decided_at: null,
      decision_reason: null,
      created_at: o.createdAt ?? new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (o.status === "confirmed") {
    const { volunteer_user_id } = await db.selectFrom("assignment").select("volunteer_user_id").where("id", "=", o.assignmentId).executeTakeFirstOrThrow();
    await refreshVolunteerFacts(db, [volunteer_user_id], new Date());
  }
  return { id };
}
