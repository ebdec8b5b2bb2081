import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import { closeOpenProposals } from "./proposals.server";
import { closeTasksFor } from "~/modules/tasks/tasks.server";

/**
 * The household's side of sponsorships, called by the household commands of the donations module
 * (one household record for every module): what its Art. 15 export holds, and what happens when
 * it withdraws the "sponsorship" consent or is erased (Art. 17). Requests that still wait close and
 * their open proposals end (the volunteers are told); an erased household's requests keep no name
 * or note. (Tandems: the tandem part extends these two.)
 */
export async function exportHouseholdSponsorships(trx: Kysely<DB>, householdId: number) {
  const requests = await trx
    .selectFrom("sponsorship_request as r")
    .leftJoin("district as d", "d.id", "r.district_id")
    .select(["r.id", "r.first_name", "r.source", "r.status", "r.requested_at", "d.name as district", "r.sponsor_gender_wish", "r.family_tandem", "r.note", "r.close_reason"])
    .where("r.household_id", "=", householdId)
    .orderBy("r.id")
    .execute();
  const ids = requests.map((r) => r.id);
  const [languages, help] = ids.length
    ? await Promise.all([
        trx.selectFrom("sponsorship_request_language").select(["request_id", "language_code"]).where("request_id", "in", ids).execute(),
        trx.selectFrom("sponsorship_request_help").select(["request_id", "help"]).where("request_id", "in", ids).execute(),
      ])
    : [[], []];
  return requests.map(({ id, ...r }) => ({
    ...r,
    languages: languages.filter((l) => l.request_id === id).map((l) => l.language_code),
    help: help.filter((h) => h.request_id === id).map((h) => h.help),
  }));
}

/** The household's waiting requests close with `reason`; their open proposals end. */
export async function closeHouseholdRequests(trx: Kysely<DB>, householdId: number, reason: string, now: Date) {
  const waiting = await trx.selectFrom("sponsorship_request").select("id").where("household_id", "=", householdId).where("status", "in", ["new", "open"]).execute();
  for (const r of waiting) {
    await trx.updateTable("sponsorship_request").set({ status: "closed", close_reason: reason, updated_at: now.toISOString() }).where("id", "=", r.id).execute();
    await closeTasksFor(trx, "sponsorship-request", r.id, now);
    await closeOpenProposals(trx, r.id, null, now);
  }
}

/** Art. 17: waiting requests close; no request keeps the first name or the note. */
export async function eraseHouseholdSponsorships(trx: Kysely<DB>, householdId: number, now: Date) {
  await closeHouseholdRequests(trx, householdId, "household-erased", now);
  await trx.updateTable("sponsorship_request").set({ first_name: "", note: null, close_reason: null, updated_at: now.toISOString() }).where("household_id", "=", householdId).execute();
}
