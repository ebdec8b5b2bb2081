import type { PersonalDataEraser, PersonalDataExporter } from "~/modules/volunteers/personal-data-types";

/**
 * DSGVO Art. 15/17 for the seal (issue #15): a person's jury membership, assignments with their
 * conflict declarations, scores with justifications, and the history entries they made.
 */
export const sealExporter: PersonalDataExporter = {
  name: "seal",
  run: async (trx, userId) => {
    const [jury, assignments, scores, events] = await Promise.all([
      trx.selectFrom("seal_juror").select(["added_at", "removed_at"]).where("user_id", "=", userId).execute(),
      trx
        .selectFrom("seal_assignment as s")
        .innerJoin("seal_application as a", "a.id", "s.application_id")
        .innerJoin("organisation as o", "o.id", "a.organisation_id")
        .select(["s.application_id", "o.name as organisation", "s.conflict", "s.conflict_note", "s.declared_at", "s.recommendation", "s.submitted_at", "s.assigned_at"])
        .where("s.juror_user_id", "=", userId)
        .orderBy("s.assigned_at")
        .execute(),
      trx
        .selectFrom("seal_score as sc")
        .innerJoin("seal_criterion as c", "c.id", "sc.criterion_id")
        .select(["sc.application_id", "c.code as criterion", "sc.score", "sc.justification", "sc.updated_at"])
        .where("sc.juror_user_id", "=", userId)
        .orderBy("sc.application_id")
        .orderBy("c.sort_order")
        .execute(),
      trx.selectFrom("seal_event").select(["application_id", "action", "details", "created_at"]).where("actor_user_id", "=", userId).orderBy("id").execute(),
    ]);
    return { sealJury: jury, sealAssignments: assignments, sealScores: scores, sealEvents: events };
  },
};

/**
 * Art. 17: off the jury, the conflict notes (which may name relatives) removed, the history and the
 * applications no longer point to the person. Scores and recommendations stay with the application
 * (its decision record) under the erased account's id, which no longer names anyone.
 */
export const sealEraser: PersonalDataEraser = {
  name: "seal",
  run: async (trx, userId, now) => {
    await trx.updateTable("seal_juror").set({ removed_at: now.toISOString() }).where("user_id", "=", userId).where("removed_at", "is", null).execute();
    await trx.updateTable("seal_assignment").set({ conflict_note: null }).where("juror_user_id", "=", userId).execute();
    await trx.updateTable("seal_event").set({ actor_user_id: null }).where("actor_user_id", "=", userId).execute();
    await trx.updateTable("seal_application").set({ created_by: null }).where("created_by", "=", userId).execute();
    await trx.updateTable("seal_application").set({ submitted_by: null }).where("submitted_by", "=", userId).execute();
  },
};
