import { newRandomId } from "~/auth/ids.server";
import type { Actor } from "~/auth/permissions";
import { endAllSessions } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { PersonalDataEraser, PersonalDataExporter } from "./personal-data-types";
import { coverageEraser, coverageExporter } from "~/modules/coverage/personal-data.server";
import { donationsEraser, donationsExporter } from "~/modules/donations/personal-data.server";
import { tandemsEraser } from "~/modules/sponsorships/tandem-privacy.server";
import { roomsEraser, roomsExporter } from "~/modules/rooms/personal-data.server";
import { sponsorshipsEraser, sponsorshipsExporter } from "~/modules/sponsorships/personal-data.server";
import { importEraser, importExporter } from "~/modules/import/personal-data.server";
import { associationsEraser, associationsExporter } from "~/modules/associations/personal-data.server";
import { sealEraser, sealExporter } from "~/modules/seal/personal-data.server";
import { tasksEraser } from "~/modules/tasks/personal-data.server";
import { messagesEraser, messagesExporter } from "~/modules/messages/personal-data.server";
import { transaction } from "~/utils/db.server";
import { germanSortKey } from "~/utils/text-keys";

/**
 * DSGVO Art. 15 and 17 for every module. A module that stores personal data of a user
 * appends an exporter (what it holds about the user, as plain JSON) and an eraser
 * (anonymise or delete it; keep only what a law requires, e.g. insurance evidence).
 * Both run inside the one transaction of the export or the erasure.
 */
export type { PersonalDataEraser, PersonalDataExporter } from "./personal-data-types";

const volunteerExporter: PersonalDataExporter = {
  name: "volunteers",
  run: async (trx, userId) => {
    const [account, profile, languages, skills, fields, availability, history, consents] = await Promise.all([
      trx.selectFrom("user").select(["name", "email", "locale", "email_verified_at", "created_at", "updated_at"]).where("id", "=", userId).executeTakeFirst(),
      trx
        .selectFrom("volunteer_profile as p")
        .leftJoin("district as d", "d.id", "p.district_id")
        .select(["p.phone", "d.name as district", "p.has_car", "p.gender", "p.birth_year", "p.status", "p.status_changed_at", "p.intake_on", "p.created_at", "p.updated_at"])
        .where("p.user_id", "=", userId)
        .executeTakeFirst(),
      trx.selectFrom("volunteer_language").select(["language_code", "level"]).where("user_id", "=", userId).execute(),
      trx.selectFrom("volunteer_skill").select("skill").where("user_id", "=", userId).execute(),
      trx.selectFrom("volunteer_field as f").innerJoin("field_of_action as a", "a.id", "f.field_id").select("a.name").where("f.user_id", "=", userId).execute(),
      trx.selectFrom("volunteer_availability").select(["weekday", "slot"]).where("user_id", "=", userId).execute(),
      trx.selectFrom("volunteer_status_history").select(["from_status", "to_status", "reason", "changed_at"]).where("user_id", "=", userId).orderBy("id").execute(),
      trx
        .selectFrom("consent_record as r")
        .innerJoin("consent_text as t", "t.id", "r.consent_text_id")
        .select(["r.purpose", "t.version", "t.locale as language", "t.title", "t.body", "r.given_at", "r.withdrawn_at"])
        .where("r.user_id", "=", userId)
        .orderBy("r.id")
        .execute(),
    ]);
    return {
      account: account ?? null,
      volunteerProfile: profile
        ? { ...profile, has_car: profile.has_car === 1, languages, skills: skills.map((s) => s.skill), fieldsOfAction: fields.map((f) => f.name), availability }
        : null,
      statusHistory: history,
      consents,
    };
  },
};

const volunteerEraser: PersonalDataEraser = {
  name: "volunteers",
  run: async (trx, userId, now) => {
    const at = now.toISOString();
    for (const table of ["volunteer_language", "volunteer_skill", "volunteer_field", "volunteer_availability"] as const) {
      await trx.deleteFrom(table).where("user_id", "=", userId).execute();
    }
    // The profile row stays (status "left", no personal details) so that other modules'
    // records that must be kept (insurance evidence) still point to a person id.
    const p = await trx.selectFrom("volunteer_profile").select("status").where("user_id", "=", userId).executeTakeFirst();
    if (p) {
      await trx
        .updateTable("volunteer_profile")
        .set({ phone: null, district_id: null, has_car: 0, gender: null, birth_year: null, intake_notes: null, status: "left", status_changed_at: at, erased_at: at, updated_at: at })
        .where("user_id", "=", userId)
        .execute();
      await trx.updateTable("volunteer_status_history").set({ reason: null }).where("user_id", "=", userId).execute();
      if (p.status !== "left") {
        await trx.insertInto("volunteer_status_history").values({ user_id: userId, from_status: p.status, to_status: "left", changed_by: userId, reason: null, changed_at: at }).execute();
      }
    }
    await trx.updateTable("consent_record").set({ withdrawn_at: at }).where("user_id", "=", userId).where("withdrawn_at", "is", null).execute();
    await trx.deleteFrom("volunteer_reminder").where("user_id", "=", userId).execute();
    await trx.deleteFrom("email_token").where("user_id", "=", userId).execute();
    await trx.deleteFrom("login_attempt").where("email", "=", trx.selectFrom("user").select("email").where("id", "=", userId)).execute();
    await trx
      .updateTable("user")
      .set({
        name: "—",
        name_key: germanSortKey("—"),
        email: `deleted-${userId}@invalid.invalid`,
        password_hash: `!erased-${newRandomId(10)}`,
        email_verified_at: null,
        disabled_at: at,
        updated_at: at,
      })
      .where("id", "=", userId)
      .execute();
  },
};

/** Other modules append their exporter / eraser here. */
export const personalDataExporters: PersonalDataExporter[] = [volunteerExporter, coverageExporter, donationsExporter, roomsExporter, sponsorshipsExporter, importExporter, associationsExporter, sealExporter, messagesExporter];
export const personalDataErasers: PersonalDataEraser[] = [volunteerEraser, coverageEraser, donationsEraser, roomsEraser, sponsorshipsEraser, tandemsEraser, importEraser, associationsEraser, sealEraser, tasksEraser, messagesEraser];

/** Everything stored about the actor, as one JSON document (Art. 15); names kept in several languages in `lang`. */
export async function exportOwnData(actor: Actor, now = new Date(), lang: string = actor.locale) {
  return transaction(async (trx) => {
    const parts: Record<string, unknown> = {};
    for (const e of personalDataExporters) parts[e.name] = await e.run(trx, actor.userId, lang);
    await recordAudit(trx, { actorUserId: actor.userId, action: "export", entity: "user", entityId: actor.userId, now });
    return { exportedAt: now.toISOString(), userId: actor.userId, ...parts };
  });
}

/**
 * Erasure on request (Art. 17): the account is disabled, every module anonymises its data;
 * the volunteer module's eraser runs last (it rewrites the user row others may read).
 */
export async function eraseOwnData(actor: Actor, now = new Date()) {
  await transaction(async (trx) => {
    const ordered = [...personalDataErasers.filter((e) => e.name !== "volunteers"), volunteerEraser];
    for (const e of ordered) await e.run(trx, actor.userId, now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "erase", entity: "user", entityId: actor.userId, now });
  });
  await endAllSessions(actor.userId);
}
