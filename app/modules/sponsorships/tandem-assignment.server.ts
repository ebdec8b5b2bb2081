import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { TANDEM_END_CLOSE_CODE } from "~/modules/coverage/close-reason";
import { refreshVolunteerFacts } from "~/modules/coverage/volunteer-facts.server";
import { germanSortKey } from "~/utils/text-keys";
import type { TandemRow } from "./tandem-queries.server";

/**
 * An active tandem is an assignment of the sponsor (coverage module): the organiser is the
 * programme's association, or the city when the programme has none. So "was P covered on day D?"
 * answers for tandem work; ending the tandem closes the assignment (and the cover it documents).
 * Written inside the step's transaction, with the assignment's own history and audit entries.
 */

/** The field of action of tandem work ("Wohnen, Betreuung, Integration"; else the first active one). */
async function tandemField(trx: Kysely<DB>) {
  const f =
    (await trx.selectFrom("field_of_action").select("id").where("slug", "=", "housing-care-integration").executeTakeFirst()) ??
    (await trx.selectFrom("field_of_action").select("id").where("active", "=", 1).orderBy("sort_order").orderBy("id").executeTakeFirst());
  return f?.id ?? null;
}

async function organiserOf(trx: Kysely<DB>, t: Pick<TandemRow, "programme_organisation_id">) {
  if (t.programme_organisation_id) return t.programme_organisation_id;
  const city = await trx.selectFrom("organisation").select("id").where("legal_form", "=", "city").where("archived_at", "is", null).orderBy("id").executeTakeFirst();
  return city?.id ?? null;
}

async function history(trx: Kysely<DB>, id: number, action: "create" | "close", actorId: string, now: Date) {
  const row = await trx.selectFrom("assignment").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  await trx.insertInto("assignment_history").values({ assignment_id: id, action, snapshot: JSON.stringify(row), changed_by: actorId, changed_at: now.toISOString() }).execute();
}

/** Opens the assignment of a tandem that became active on `day`; null when no organiser or field exists (nothing to document). */
export async function openTandemAssignment(trx: Kysely<DB>, t: TandemRow, day: string, actorId: string, now: Date): Promise<number | null> {
  if (t.assignment_id) return t.assignment_id;
  const [organisationId, fieldId, minors] = await Promise.all([
    organiserOf(trx, t),
    tandemField(trx),
    t.request_id ? trx.selectFrom("sponsorship_request").select("has_minors").where("id", "=", t.request_id).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  if (!organisationId || !fieldId) return null;
  // The activity names the programme and the pseudonymous code, never the household.
  const activity = `Patenschaft ${t.code} (${t.programme_name})`.slice(0, 160);
  const ts = now.toISOString();
  const { id } = await trx
    .insertInto("assignment")
    .values({
      volunteer_user_id: t.volunteer_user_id,
      activity,
      activity_key: germanSortKey(activity),
      field_of_action_id: fieldId,
      organisation_id: organisationId,
      start_day: day,
      end_day: null,
      document_ref: `tandem:${t.code}`,
      works_with_minors: minors?.has_minors ? 1 : 0,
      closed_on: null,
      close_reason: null,
      created_by: actorId,
      created_at: ts,
      updated_by: actorId,
      updated_at: ts,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await history(trx, id, "create", actorId, now);
  await trx.updateTable("tandem").set({ assignment_id: id }).where("id", "=", t.id).execute();
  await refreshVolunteerFacts(trx, [t.volunteer_user_id], now);
  await recordAudit(trx, { actorUserId: actorId, action: "create", entity: "assignment", entityId: id, details: { tandem: t.id }, now });
  return id;
}

/** Closes the tandem's assignment as of the tandem's end (never before the assignment's start). */
export async function closeTandemAssignment(trx: Kysely<DB>, t: Pick<TandemRow, "id" | "assignment_id" | "volunteer_user_id">, day: string, actorId: string, now: Date) {
  if (!t.assignment_id) return;
  const a = await trx.selectFrom("assignment").select(["id", "start_day", "closed_on"]).where("id", "=", t.assignment_id).executeTakeFirst();
  if (!a || a.closed_on) return;
  await trx
    .updateTable("assignment")
    .set({ closed_on: day < a.start_day ? a.start_day : day, close_reason: TANDEM_END_CLOSE_CODE, updated_by: actorId, updated_at: now.toISOString() })
    .where("id", "=", a.id)
    .execute();
  await history(trx, a.id, "close", actorId, now);
  await refreshVolunteerFacts(trx, [t.volunteer_user_id], now);
  await recordAudit(trx, { actorUserId: actorId, action: "close", entity: "assignment", entityId: a.id, details: { tandem: t.id }, now });
}
