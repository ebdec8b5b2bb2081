import type { PersonalDataEraser, PersonalDataExporter } from "~/modules/volunteers/personal-data-types";
import { OPEN_PROPOSAL_STATUSES } from "./candidates.server";
import { maskToTimes } from "./times";

/**
 * Art. 15 for an account: the sponsorship part of the profile and the proposals made to the
 * person (without anything about the households: that is theirs).
 */
export const sponsorshipsExporter: PersonalDataExporter = {
  name: "sponsorships",
  run: async (trx, userId) => {
    const [sp, help, proposals] = await Promise.all([
      trx
        .selectFrom("sponsor_profile as s")
        .leftJoin("district as d", "d.id", "s.district_id")
        .select(["s.willing", "s.capacity", "s.gender", "s.has_car", "d.name as district", "s.times_mask", "s.updated_at"])
        .where("s.user_id", "=", userId)
        .executeTakeFirst(),
      trx.selectFrom("sponsor_help").select("help").where("user_id", "=", userId).orderBy("help").execute(),
      trx.selectFrom("sponsorship_proposal").select(["status", "proposed_at", "decided_at", "decline_reason"]).where("volunteer_user_id", "=", userId).orderBy("id").execute(),
    ]);
    return {
      sponsorProfile: sp
        ? { willing: !!sp.willing, capacity: sp.capacity, gender: sp.gender, has_car: !!sp.has_car, district: sp.district, times: maskToTimes(sp.times_mask), help: help.map((h) => h.help), updated_at: sp.updated_at }
        : null,
      sponsorshipProposals: proposals,
    };
  },
};

/**
 * Art. 17 for an account: the sponsorship part of the profile is deleted (the person can no longer
 * be proposed) and open proposals end; the proposals' rows stay without anything but dates and
 * states (the user row itself is anonymised by the volunteer module's eraser).
 */
export const sponsorshipsEraser: PersonalDataEraser = {
  name: "sponsorships",
  run: async (trx, userId, now) => {
    await trx.deleteFrom("sponsor_profile").where("user_id", "=", userId).execute();
    await trx
      .updateTable("sponsorship_proposal")
      .set({ status: "withdrawn", closed_at: now.toISOString() })
      .where("volunteer_user_id", "=", userId)
      .where("status", "in", [...OPEN_PROPOSAL_STATUSES])
      .where("household_agreed_at", "is", null)
      .execute();
  },
};
