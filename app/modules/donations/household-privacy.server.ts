import type { Kysely } from "kysely";
import type { DB, HouseholdConsentPurpose } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { closeHouseholdRequests, eraseHouseholdSponsorships, exportHouseholdSponsorships } from "~/modules/sponsorships/household-data.server";
import { transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { eraseHouseholdImportData } from "~/modules/import/personal-data.server";
import { categoryNameColumns, withCategoryName } from "./category-names";
import { markConsentRecorded } from "./households.server";
import { cancelNeed } from "./need-coverage.server";
import { SYSTEM_REASONS, systemReason } from "./system-reasons";
import { detachHouseholdTandems, exportHouseholdTandems } from "~/modules/sponsorships/tandem-privacy.server";

const ENTITY = "household";

/**
 * Records a consent the household gave (on paper or in a talk) to the current version of the
 * text for its purpose, in the language it was shown in. Consent to share the contact names
 * one volunteer (by the e-mail of their account).
 */
export async function recordHouseholdConsent(
  actor: Actor,
  householdId: number,
  args: { purpose: HouseholdConsentPurpose; languageShown: string; givenOn: string; volunteerEmail?: string },
  now = new Date(),
) {
  requirePermission(actor, "manage:household:any");
  await transaction(async (trx) => {
    const h = await trx.selectFrom("household").select("id").where("id", "=", householdId).where("erased_at", "is", null).executeTakeFirst();
    if (!h) throw new AppError("errors.notFound", 404);
    if (args.givenOn > now.toISOString().slice(0, 10)) throw new AppError("donations:errors.futureDate", 400, "givenOn");
    const text = await trx
      .selectFrom("household_consent_text")
      .select(["id"])
      .where("purpose", "=", args.purpose)
      .where("locale", "=", args.languageShown)
      .orderBy("version", "desc")
      .executeTakeFirst();
    if (!text) throw new AppError("errors.invalidChoice", 400, "languageShown");
    let volunteerId: string | null = null;
    if (args.purpose === "share-contact") {
      const v = await trx
        .selectFrom("user as u")
        .innerJoin("volunteer_profile as p", "p.user_id", "u.id")
        .select("u.id")
        .where("u.email", "=", args.volunteerEmail ?? "")
        .where("p.erased_at", "is", null)
        .executeTakeFirst();
      if (!v) throw new AppError("donations:errors.noSuchVolunteer", 400, "volunteerEmail");
      volunteerId = v.id;
    } else {
      const active = await trx
        .selectFrom("household_consent")
        .select("id")
        .where("household_id", "=", householdId)
        .where("purpose", "=", args.purpose)
        .where("withdrawn_at", "is", null)
        .executeTakeFirst();
      if (active) throw new AppError("donations:errors.consentExists", 400, "purpose");
    }
    await trx
      .insertInto("household_consent")
      .values({
        household_id: householdId,
        purpose: args.purpose,
        consent_text_id: text.id,
        language_shown: args.languageShown,
        volunteer_user_id: volunteerId,
        given_on: args.givenOn,
        recorded_by: actor.userId,
        recorded_at: now.toISOString(),
        withdrawn_at: null,
        withdrawn_by: null,
      })
      .execute();
    await markConsentRecorded(trx, householdId, args.purpose);
    await recordAudit(trx, { actorUserId: actor.userId, action: "update", entity: ENTITY, entityId: householdId, details: { consent: args.purpose }, now });
  });
}

/**
 * Withdrawal is one action. Without the donations consent the household's open and matched
 * needs are cancelled and their reservations released: nobody may look for items for it any more.
 */
export async function withdrawHouseholdConsent(actor: Actor, householdId: number, consentId: number, now = new Date()) {
  requirePermission(actor, "manage:household:any");
  await transaction(async (trx) => {
    const c = await trx
      .selectFrom("household_consent")
      .select(["id", "purpose"])
      .where("id", "=", consentId)
      .where("household_id", "=", householdId)
      .where("withdrawn_at", "is", null)
      .executeTakeFirst();
    if (!c) throw new AppError("errors.notFound", 404);
    const at = now.toISOString();
    await trx.updateTable("household_consent").set({ withdrawn_at: at, withdrawn_by: actor.userId }).where("id", "=", c.id).execute();
    if (c.purpose === "donations") await cancelActiveNeeds(trx, householdId, { by: actor.userId, reason: systemReason("consentWithdrawn"), now });
    // Without the sponsorship consent the tandems end; only the pseudonymised funding proof stays.
    if (c.purpose === "sponsorship") await detachHouseholdTandems(trx, householdId, actor.userId, now);
    if (c.purpose === "sponsorship") await closeHouseholdRequests(trx, householdId, "consent-withdrawn", now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "update", entity: ENTITY, entityId: householdId, details: { withdrawn: c.purpose }, now });
  });
}

/** Every open (also partly reserved) or matched need of the household ends; reserved units go back to their offers. */
async function cancelActiveNeeds(trx: Kysely<DB>, householdId: number, change: { by: string; reason: string; now: Date }) {
  const active = await trx.selectFrom("donation_need").select("id").where("household_id", "=", householdId).where("status", "in", ["open", "matched"]).execute();
  for (const n of active) await cancelNeed(trx, n.id, change);
}

/** Art. 15: everything stored about one household, as one JSON document (category names in `lang`, the reader's). */
export async function exportHousehold(actor: Actor, householdId: number, now = new Date(), lang = "de") {
  requirePermission(actor, "read:household:any");
  return transaction(async (trx) => {
    const h = await trx.selectFrom("household").selectAll().where("id", "=", householdId).where("erased_at", "is", null).executeTakeFirst();
    if (!h) return null;
    const [languages, children, consents, needs] = await Promise.all([
      trx.selectFrom("household_language").select("language_code").where("household_id", "=", householdId).execute(),
      trx.selectFrom("household_child").select("birth_year").where("household_id", "=", householdId).execute(),
      trx
        .selectFrom("household_consent as c")
        .innerJoin("household_consent_text as t", "t.id", "c.consent_text_id")
        .leftJoin("user as v", "v.id", "c.volunteer_user_id")
        // The named volunteer of a "share contact" consent is a recipient of the data (Art. 15 (1) c).
        .select(["c.purpose", "t.version", "t.title", "t.body", "c.language_shown", "c.given_on", "c.recorded_at", "c.withdrawn_at", "v.name as sharedWith"])
        .where("c.household_id", "=", householdId)
        .execute(),
      trx
        .selectFrom("donation_need as n")
        .innerJoin("donation_category as k", "k.id", "n.category_id")
        .select(["n.id", ...categoryNameColumns("k"), "n.size", "n.season", "n.quantity", "n.quantity_covered", "n.urgency", "n.note", "n.status", "n.created_at", "n.fulfilled_at"])
        .where("n.household_id", "=", householdId)
        .execute()
        .then((rows) => rows.map((r) => withCategoryName(r, lang, "category"))),
    ]);
    const needIds = needs.map((n) => n.id);
    const [history, reservations] = needIds.length
      ? await Promise.all([
          trx.selectFrom("donation_need_history").select(["need_id", "from_status", "to_status", "covered", "reason", "changed_at"]).where("need_id", "in", needIds).orderBy("id").execute(),
          trx
            .selectFrom("donation_match")
            .select(["need_id", "quantity", "state", "handover_mode", "handover_on", "time_from", "time_to", "outcome_reason", "outcome_at", "created_at"])
            .where("need_id", "in", needIds)
            .orderBy("id")
            .execute(),
        ])
      : [[], []];
    const tandems = await exportHouseholdTandems(trx, householdId);
    const sponsorshipRequests = await exportHouseholdSponsorships(trx, householdId);
    await recordAudit(trx, { actorUserId: actor.userId, action: "export", entity: ENTITY, entityId: householdId, now });
    return {
      exportedAt: now.toISOString(),
      household: {
        code: h.code,
        contactName: h.contact_name,
        contactPhone: h.contact_phone,
        contactEmail: h.contact_email,
        street: h.street,
        districtId: h.district_id,
        adults: h.adults,
        childrenYearsOfBirth: children.map((c) => c.birth_year),
        languages: languages.map((l) => l.language_code),
        notes: h.notes,
        createdAt: h.created_at,
      },
      consents,
      needs: needs.map((n) => ({ ...n, history: history.filter((x) => x.need_id === n.id), reservations: reservations.filter((x) => x.need_id === n.id) })),
      sponsorshipRequests,
      tandems,
    };
  });
}

/**
 * Art. 17: personal data is removed (contact, address, notes, languages, children, free text
 * of needs, the named volunteer of a consent); district, adults count, categories, sizes and
 * dates stay so that the figures remain right. The code is replaced: it could be on paper.
 */
export async function eraseHousehold(actor: Actor, householdId: number, now = new Date()) {
  requirePermission(actor, "manage:household:any");
  await transaction(async (trx) => {
    const h = await trx.selectFrom("household").select("id").where("id", "=", householdId).where("erased_at", "is", null).executeTakeFirst();
    if (!h) throw new AppError("errors.notFound", 404);
    const at = now.toISOString();
    await cancelActiveNeeds(trx, householdId, { by: actor.userId, reason: systemReason("householdErased"), now });
    await detachHouseholdTandems(trx, householdId, actor.userId, now, "household-erased");
    await eraseHouseholdSponsorships(trx, householdId, now);
    await trx
      .updateTable("household")
      .set({ code: `X-${householdId}`, contact_name: null, contact_name_key: null, contact_phone: null, contact_email: null, street: null, notes: null, erased_at: at, updated_at: at })
      .where("id", "=", householdId)
      .execute();
    await trx.deleteFrom("household_language").where("household_id", "=", householdId).execute();
    await trx.deleteFrom("household_child").where("household_id", "=", householdId).execute();
    await trx.updateTable("household_consent").set({ volunteer_user_id: null }).where("household_id", "=", householdId).execute();
    await trx.updateTable("household_consent").set({ withdrawn_at: at, withdrawn_by: actor.userId }).where("household_id", "=", householdId).where("withdrawn_at", "is", null).execute();
    const needIds = trx.selectFrom("donation_need").select("id").where("household_id", "=", householdId);
    await trx.updateTable("donation_need").set({ note: null, updated_at: at }).where("household_id", "=", householdId).execute();
    // Reasons staff typed may name people; the system's own reason codes stay for the figures.
    // (Compared exactly: LIKE ignores ASCII case on SQLite and not on PostgreSQL.)
    const systemReasons = SYSTEM_REASONS.map(systemReason);
    await trx.updateTable("donation_need_history").set({ reason: null }).where("need_id", "in", needIds).where("reason", "not in", systemReasons).execute();
    await trx.updateTable("donation_match").set({ outcome_reason: null }).where("need_id", "in", needIds).where("outcome_reason", "not in", systemReasons).execute();
    await eraseHouseholdImportData(trx, householdId);
    await recordAudit(trx, { actorUserId: actor.userId, action: "erase", entity: ENTITY, entityId: householdId, now });
  });
}
