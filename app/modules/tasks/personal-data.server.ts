import type { PersonalDataEraser } from "~/modules/volunteers/personal-data-types";

/**
 * Art. 17: the tasks about a person's records go (open or closed): their titles name the person.
 * The volunteer's intake and certificate tasks, the hours and assignments of their engagements, the
 * room requests they made; a task assigned to them is left unassigned (the account is kept, renamed).
 */
export const tasksEraser: PersonalDataEraser = {
  name: "tasks",
  run: async (trx, userId) => {
    const byKind = async (kind: string, ids: string[]) => {
      if (ids.length) await trx.deleteFrom("task").where("kind", "=", kind).where("record_id", "in", ids).execute();
    };
    await byKind("volunteer-intake", [userId]);
    await byKind("certificate-reinspection", [userId]);
    const assignments = (await trx.selectFrom("assignment").select("id").where("volunteer_user_id", "=", userId).execute()).map((a) => a.id);
    await byKind("cover-ending", assignments.map(String));
    if (assignments.length) {
      const hours = await trx.selectFrom("hours_entry").select("id").where("assignment_id", "in", assignments).execute();
      await byKind("hours-confirm", hours.map((h) => String(h.id)));
    }
    const bookings = await trx.selectFrom("booking").select("id").where("requester_user_id", "=", userId).execute();
    await byKind("room-request", bookings.map((b) => String(b.id)));
    await byKind("key-return", bookings.map((b) => String(b.id)));
    await trx.updateTable("task").set({ assignee_id: null }).where("assignee_id", "=", userId).execute();
    await trx.deleteFrom("task_digest").where("user_id", "=", userId).execute();
  },
};
