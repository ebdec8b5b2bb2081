import type { DailyTask } from "~/modules/jobs/daily-types";
import type { PersonalDataEraser, PersonalDataExporter } from "~/modules/volunteers/personal-data-types";

/**
 * Art. 15 for an account: its memberships of associations (with the admin flag), the associations it
 * registered, and invitations addressed to its e-mail address.
 */
export const associationsExporter: PersonalDataExporter = {
  name: "associations",
  run: async (trx, userId) => {
    const user = await trx.selectFrom("user").select("email").where("id", "=", userId).executeTakeFirst();
    const [memberships, associationRegistrations, associationInvites] = await Promise.all([
      trx
        .selectFrom("organisation_member")
        .innerJoin("organisation", "organisation.id", "organisation_member.organisation_id")
        .select(["organisation.name as association", "organisation_member.association_admin", "organisation_member.created_at"])
        .where("organisation_member.user_id", "=", userId)
        .orderBy("organisation_member.created_at")
        .execute(),
      trx
        .selectFrom("association_profile")
        .innerJoin("organisation", "organisation.id", "association_profile.organisation_id")
        .select(["organisation.name as association", "association_profile.status", "association_profile.created_at"])
        .where("association_profile.registered_by", "=", userId)
        .orderBy("association_profile.created_at")
        .execute(),
      user
        ? trx
            .selectFrom("association_invite")
            .innerJoin("organisation", "organisation.id", "association_invite.organisation_id")
            .select(["organisation.name as association", "association_invite.email", "association_invite.created_at", "association_invite.expires_at"])
            .where("association_invite.email", "=", user.email.toLowerCase())
            .orderBy("association_invite.created_at")
            .execute()
        : Promise.resolve([]),
    ]);
    return { memberships, associationRegistrations, associationInvites };
  },
};

/** Erasure (a volunteer's account: association members are closed by an admin): invitations to the address go. */
export const associationsEraser: PersonalDataEraser = {
  name: "associations",
  run: async (trx, userId) => {
    const user = await trx.selectFrom("user").select("email").where("id", "=", userId).executeTakeFirst();
    if (user) await trx.deleteFrom("association_invite").where("email", "=", user.email.toLowerCase()).execute();
    await trx.updateTable("association_profile").set({ registered_by: null }).where("registered_by", "=", userId).execute();
  },
};

/** Invitations (an e-mail address of someone who may never have answered) are kept 30 days past their expiry. */
export const INVITE_RETENTION_DAYS = 30;
export const inviteCleanupTask: DailyTask = {
  name: "association-invites",
  run: async (trx, now) => {
    const cutoff = new Date(now.getTime() - INVITE_RETENTION_DAYS * 86_400_000).toISOString();
    return Number((await trx.deleteFrom("association_invite").where("expires_at", "<", cutoff).executeTakeFirst()).numDeletedRows);
  },
};
