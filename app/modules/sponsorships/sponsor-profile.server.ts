import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { getDb, transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import type { SponsorProfileInput } from "./schema";
import { availabilityToMask, maskToTimes, timesToMask } from "./times";

/**
 * The sponsorship part of a volunteer's profile: willing or not, how many tandems at once, the
 * help offered, times, district, gender (optional, as the person describes it), car. Until the
 * volunteer saved it, the form starts from their volunteer profile (district, car, availability).
 */
export async function getOwnSponsorProfile(actor: Actor) {
  requirePermission(actor, "read:sponsorship:own", { userId: actor.userId });
  const db = getDb();
  const [sp, help, profile, availability] = await Promise.all([
    db.selectFrom("sponsor_profile").selectAll().where("user_id", "=", actor.userId).executeTakeFirst(),
    db.selectFrom("sponsor_help").select("help").where("user_id", "=", actor.userId).orderBy("help").execute(),
    db.selectFrom("volunteer_profile").select(["district_id", "has_car", "gender", "status", "intake_on", "erased_at"]).where("user_id", "=", actor.userId).executeTakeFirst(),
    db.selectFrom("volunteer_availability").select(["weekday", "slot"]).where("user_id", "=", actor.userId).execute(),
  ]);
  const hasVolunteerProfile = !!profile && profile.erased_at === null;
  return {
    saved: !!sp,
    hasVolunteerProfile,
    /** Only active volunteers with the intake done can be proposed (the page says so). */
    proposable: hasVolunteerProfile && profile!.status === "active" && profile!.intake_on !== null,
    values: {
      willing: sp ? !!sp.willing : false,
      capacity: sp?.capacity ?? 1,
      help: help.map((h) => h.help),
      times: maskToTimes(sp ? sp.times_mask : availabilityToMask(availability)),
      districtId: sp ? sp.district_id : (profile?.district_id ?? null),
      gender: sp ? sp.gender : (profile?.gender ?? null),
      hasCar: sp ? !!sp.has_car : !!profile?.has_car,
    },
  };
}

/** Saves the sponsorship part (a volunteer with a profile only). Lowering the capacity ends no proposal or tandem. */
export async function saveSponsorProfile(actor: Actor, input: SponsorProfileInput, now = new Date()) {
  requirePermission(actor, "update:sponsorship:own", { userId: actor.userId });
  await transaction(async (trx) => {
    const profile = await trx.selectFrom("volunteer_profile").select("user_id").where("user_id", "=", actor.userId).where("erased_at", "is", null).executeTakeFirst();
    if (!profile) throw new AppError("sponsorships:errors.profileFirst", 400);
    if (input.districtId !== undefined) {
      const d = await trx.selectFrom("district").select("id").where("id", "=", input.districtId).where("active", "=", 1).executeTakeFirst();
      if (!d) throw new AppError("errors.invalidChoice", 400, "districtId");
    }
    const values = {
      willing: input.willing ? 1 : 0,
      capacity: input.capacity,
      gender: input.gender ?? null,
      has_car: input.hasCar ? 1 : 0,
      district_id: input.districtId ?? null,
      times_mask: timesToMask(input.times),
      updated_at: now.toISOString(),
    };
    const exists = await trx.selectFrom("sponsor_profile").select("user_id").where("user_id", "=", actor.userId).executeTakeFirst();
    if (exists) await trx.updateTable("sponsor_profile").set(values).where("user_id", "=", actor.userId).execute();
    else await trx.insertInto("sponsor_profile").values({ user_id: actor.userId, ...values }).execute();
    await trx.deleteFrom("sponsor_help").where("user_id", "=", actor.userId).execute();
    const help = [...new Set(input.help)];
    if (help.length) await trx.insertInto("sponsor_help").values(help.map((h) => ({ user_id: actor.userId, help: h }))).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "update", entity: "sponsor_profile", entityId: actor.userId, now });
  });
}
