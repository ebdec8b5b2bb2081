import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import type { DailyTask } from "~/modules/jobs/daily-types";
import type { PersonalDataEraser, PersonalDataExporter } from "~/modules/volunteers/personal-data-types";
import { berlinDay } from "~/utils/dates";
import { env } from "~/utils/env.server";
import { closeAssignmentsOnErasure } from "./assignments.server";
import { evidenceKeptUntil } from "./policy";
import { refreshVolunteerFacts } from "./volunteer-facts.server";

/** Art. 15: the volunteer's assignments (with cover), hours and the § 72a facts held about them. */
export const coverageExporter: PersonalDataExporter = {
  name: "coverage",
  run: async (trx, userId) => {
    const [assignments, hours, certificateInspections] = await Promise.all([
      trx
        .selectFrom("assignment as a")
        .innerJoin("organisation as o", "o.id", "a.organisation_id")
        .innerJoin("field_of_action as f", "f.id", "a.field_of_action_id")
        .select([
          "a.id",
          "a.activity",
          "f.name as fieldOfAction",
          "o.name as organiser",
          "a.start_day",
          "a.end_day",
          "a.document_ref",
          "a.works_with_minors",
          "a.closed_on",
          "a.close_reason",
          "a.created_at",
        ])
        .where("a.volunteer_user_id", "=", userId)
        .orderBy("a.id")
        .execute(),
      trx
        .selectFrom("hours_entry as h")
        .innerJoin("assignment as a", "a.id", "h.assignment_id")
        .select(["h.assignment_id", "h.day", "h.hours", "h.note", "h.status", "h.decided_at", "h.decision_reason", "h.created_at"])
        .where("a.volunteer_user_id", "=", userId)
        .orderBy("h.id")
        .execute(),
      trx
        .selectFrom("certificate_inspection")
        .select(["inspected", "certificate_date", "relevant_conviction", "inspected_on"])
        .where("volunteer_user_id", "=", userId)
        .orderBy("id")
        .execute(),
    ]);
    return {
      assignments: assignments.map((a) => ({ ...a, works_with_minors: a.works_with_minors === 1 })),
      hours,
      certificateInspections: certificateInspections.map((c) => ({ ...c, inspected: c.inspected === 1, relevant_conviction: c.relevant_conviction === 1 })),
    };
  },
};

/**
 * Art. 17: assignments that have not ended are closed as of today; the assignments stay as
 * insurance evidence with the person's name for `VOLUNTEER_COVER_RETENTION_YEARS` after the last
 * day they document (`cover_evidence`, deleted by the daily job), then only an anonymous id is
 * left. Notes on hours are removed; § 72a inspection records are deleted at once (the activity
 * with minors ends with the erasure).
 */
export const coverageEraser: PersonalDataEraser = {
  name: "coverage",
  run: async (trx, userId, now) => {
    const today = berlinDay(now);
    const assignments = await closeAssignmentsOnErasure(trx, userId, today, now);
    const keptUntil = evidenceKeptUntil(assignments, env().VOLUNTEER_COVER_RETENTION_YEARS);
    if (keptUntil) {
      const user = await trx.selectFrom("user").select(["name", "name_key"]).where("id", "=", userId).executeTakeFirstOrThrow();
      await trx
        .insertInto("cover_evidence")
        .values({ user_id: userId, name: user.name, name_key: user.name_key, erased_at: now.toISOString(), kept_until: keptUntil })
        .onConflict((oc) => oc.column("user_id").doUpdateSet({ kept_until: keptUntil }))
        .execute();
    }
    await trx
      .updateTable("hours_entry")
      .set({ note: null })
      .where("assignment_id", "in", trx.selectFrom("assignment").select("id").where("volunteer_user_id", "=", userId))
      .execute();
    const inspections = await trx.selectFrom("certificate_inspection").select("id").where("volunteer_user_id", "=", userId).execute();
    for (const { id } of inspections) {
      await trx.deleteFrom("certificate_inspection").where("id", "=", id).execute();
      await recordAudit(trx, { actorUserId: userId, action: "delete", entity: "certificate", entityId: id, details: { erasure: true }, now });
    }
    await refreshVolunteerFacts(trx, [userId], now);
  },
};

/** Daily: the names kept as insurance evidence are deleted the day after their period ends. */
export async function deleteExpiredEvidence(trx: Kysely<DB>, now: Date): Promise<number> {
  const due = await trx.selectFrom("cover_evidence").select("user_id").where("kept_until", "<", berlinDay(now)).execute();
  for (const { user_id } of due) {
    await trx.deleteFrom("cover_evidence").where("user_id", "=", user_id).execute();
    await recordAudit(trx, { actorUserId: null, action: "delete", entity: "cover_evidence", entityId: user_id, now });
  }
  return due.length;
}

export const coverEvidenceTask: DailyTask = { name: "coverage-evidence-deletion", run: deleteExpiredEvidence };
