import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { transaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { AppError } from "~/utils/errors";
import { giveConsents, hasRequiredConsents } from "./consents.server";
import type { ProfileInput } from "./schema";
import { germanSortKey } from "~/utils/text-keys";
import { syncTasks } from "~/modules/tasks/tasks.server";

/** Replaces the profile's lists (languages, skills, fields, availability) in one go. */
async function writeLists(trx: Kysely<DB>, userId: string, v: ProfileInput) {
  for (const table of ["volunteer_language", "volunteer_skill", "volunteer_field", "volunteer_availability"] as const) {
    await trx.deleteFrom(table).where("user_id", "=", userId).execute();
  }
  const languages = v.languages.filter((l) => l.code && l.level).map((l) => ({ user_id: userId, language_code: l.code!, level: l.level! }));
  if (languages.length) await trx.insertInto("volunteer_language").values(languages).execute();
  if (v.skills.length) await trx.insertInto("volunteer_skill").values(v.skills.map((skill) => ({ user_id: userId, skill, skill_key: germanSortKey(skill) }))).execute();
  const fields = [...new Set(v.fields)];
  if (fields.length) await trx.insertInto("volunteer_field").values(fields.map((field_id) => ({ user_id: userId, field_id }))).execute();
  if (v.availability.length) await trx.insertInto("volunteer_availability").values(v.availability.map((c) => ({ user_id: userId, ...c }))).execute();
}

/** Checks that chosen districts, fields and languages exist (a hostile form gets a field error). */
async function checkReferences(trx: Kysely<DB>, v: ProfileInput) {
  const district = await trx.selectFrom("district").select("id").where("id", "=", v.districtId).where("active", "=", 1).executeTakeFirst();
  if (!district) throw new AppError("errors.invalidChoice", 400, "districtId");
  const fields = [...new Set(v.fields)];
  if (fields.length) {
    const n = await trx.selectFrom("field_of_action").select("id").where("id", "in", fields).where("active", "=", 1).execute();
    if (n.length !== fields.length) throw new AppError("errors.invalidChoice", 400, "fields");
  }
  const codes = v.languages.map((l) => l.code).filter((c): c is string => !!c);
  if (codes.length) {
    const n = await trx.selectFrom("language").select("code").where("code", "in", codes).execute();
    if (n.length !== codes.length) throw new AppError("errors.invalidChoice", 400, "languages");
  }
}

/** Creates or updates the actor's own volunteer profile (and the account name). */
export async function saveOwnProfile(actor: Actor, v: ProfileInput, now = new Date()): Promise<"created" | "updated"> {
  const at = now.toISOString();
  return transaction(async (trx) => {
    await checkReferences(trx, v);
    const existing = await trx.selectFrom("volunteer_profile").select(["user_id", "erased_at"]).where("user_id", "=", actor.userId).executeTakeFirst();
    if (existing?.erased_at) throw new AppError("errors.forbidden", 403);
    const values = {
      phone: v.phone ?? null,
      district_id: v.districtId,
      has_car: v.hasCar ? 1 : 0,
      gender: v.gender ?? null,
      birth_year: v.birthYear ?? null,
      updated_at: at,
    };
    await trx.updateTable("user").set({ name: v.name, name_key: germanSortKey(v.name), updated_at: at }).where("id", "=", actor.userId).execute();
    if (existing) {
      await trx.updateTable("volunteer_profile").set(values).where("user_id", "=", actor.userId).execute();
    } else {
      await trx
        .insertInto("volunteer_profile")
        .values({ user_id: actor.userId, ...values, status: "registered", status_changed_at: at, intake_on: null, intake_notes: null, erased_at: null, created_at: at })
        .execute();
      await trx.insertInto("volunteer_status_history").values({ user_id: actor.userId, from_status: null, to_status: "registered", changed_by: actor.userId, reason: null, changed_at: at }).execute();
    }
    await writeLists(trx, actor.userId, v);
    await syncTasks(trx, "volunteer-intake", [actor.userId], now);
    await recordAudit(trx, { actorUserId: actor.userId, action: existing ? "update" : "create", entity: "volunteer", entityId: actor.userId, now });
    return existing ? "updated" : "created";
  });
}

/**
 * Records both consents for the texts the volunteer was shown. When registration is thereby
 * complete, the welcome mail ("what happens next") goes out in the same transaction.
 */
export async function recordRegistrationConsents(actor: Actor, args: { dataTextId: number; confidentialityTextId: number; now?: Date }) {
  const now = args.now ?? new Date();
  await transaction(async (trx) => {
    const profile = await trx.selectFrom("volunteer_profile").select(["user_id", "erased_at"]).where("user_id", "=", actor.userId).executeTakeFirst();
    if (!profile || profile.erased_at) throw new AppError("volunteers:errors.profileFirst", 400);
    // The ids must name the newest version of each text (a text changed meanwhile, or a forged id, is refused).
    if (!(await isCurrentTextId(trx, args.dataTextId, "volunteer-data")) || !(await isCurrentTextId(trx, args.confidentialityTextId, "confidentiality"))) {
      throw new AppError("volunteers:errors.consentOutdated", 400);
    }
    const before = await hasRequiredConsents(actor.userId, trx);
    await giveConsents(trx, { userId: actor.userId, textIds: [args.dataTextId, args.confidentialityTextId], now });
    await recordAudit(trx, { actorUserId: actor.userId, action: "consent", entity: "volunteer", entityId: actor.userId, details: { texts: [args.dataTextId, args.confidentialityTextId] }, now });
    if (!before) {
      await enqueueMail(trx, {
        to: actor.email,
        locale: actor.locale,
        template: "volunteer-welcome",
        data: { name: actor.name, url: `${env().BASE_URL}/me` },
        now,
      });
    }
  });
}

async function isCurrentTextId(trx: Kysely<DB>, id: number, purpose: "volunteer-data" | "confidentiality") {
  const row = await trx
    .selectFrom("consent_text as t")
    .select("t.id")
    .where("t.id", "=", id)
    .where("t.purpose", "=", purpose)
    .where("t.version", "=", (eb) => eb.selectFrom("consent_text as n").select((e) => e.fn.max("n.version").as("v")).where("n.purpose", "=", purpose))
    .executeTakeFirst();
  return !!row;
}

/** Withdraws a consent in force (as easy as giving it: one action). */
export async function withdrawConsent(actor: Actor, purpose: "volunteer-data" | "confidentiality", now = new Date()) {
  await transaction(async (trx) => {
    const n = await trx
      .updateTable("consent_record")
      .set({ withdrawn_at: now.toISOString() })
      .where("user_id", "=", actor.userId)
      .where("purpose", "=", purpose)
      .where("withdrawn_at", "is", null)
      .executeTakeFirst();
    if (Number(n.numUpdatedRows) === 0) throw new AppError("volunteers:errors.nothingToWithdraw", 400);
    await recordAudit(trx, { actorUserId: actor.userId, action: "withdraw-consent", entity: "volunteer", entityId: actor.userId, details: { purpose }, now });
  });
}
