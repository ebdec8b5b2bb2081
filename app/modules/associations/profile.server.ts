import type { Actor } from "~/auth/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { getDb, transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { checkLookups } from "./lookups.server";
import { adminOrganisations, requireAdminOf } from "./members.server";
import { organisationColumns, profileColumns, writeFieldsAndLanguages } from "./register.server";
import type { ProfileInput } from "./schema";

/** The profile of an association the actor administers (else null → 404), as the form needs it. */
export async function getOwnProfile(actor: Actor, organisationId: number) {
  const db = getDb();
  try {
    await requireAdminOf(actor, organisationId, db);
  } catch {
    return null;
  }
  const [org, fields, languages] = await Promise.all([
    db
      .selectFrom("organisation")
      .leftJoin("association_profile", "association_profile.organisation_id", "organisation.id")
      .select([
        "organisation.id",
        "organisation.name",
        "organisation.legal_form",
        "organisation.email",
        "organisation.street",
        "organisation.postal_code",
        "organisation.town",
        "organisation.website",
        "organisation.insurer",
        "organisation.policy_number",
        "organisation.policy_valid_until",
        "association_profile.status",
        "association_profile.kind",
        "association_profile.register_court",
        "association_profile.register_number",
        "association_profile.district_id",
        "association_profile.description",
        "association_profile.fees",
        "association_profile.reduced_fees",
        "association_profile.barrier_free",
        "association_profile.rejection_reason",
      ])
      .where("organisation.id", "=", organisationId)
      .executeTakeFirstOrThrow(),
    db.selectFrom("association_field").select("field_id").where("organisation_id", "=", organisationId).execute(),
    db.selectFrom("association_language").select("language_code").where("organisation_id", "=", organisationId).execute(),
  ]);
  return { ...org, fields: fields.map((f) => f.field_id), languages: languages.map((l) => l.language_code) };
}
export type OwnProfile = NonNullable<Awaited<ReturnType<typeof getOwnProfile>>>;

/** The form's values from a stored profile. */
export function profileDefaults(p: OwnProfile): Record<string, string | string[]> {
  const kind = p.kind ?? (p.legal_form === "registered_association" || p.legal_form === "initiative" ? p.legal_form : "other");
  return {
    name: p.name,
    kind,
    registerCourt: p.register_court ?? "",
    registerNumber: p.register_number ?? "",
    street: p.street ?? "",
    postalCode: p.postal_code ?? "",
    town: p.town ?? "",
    districtId: p.district_id ? String(p.district_id) : "",
    email: p.email ?? "",
    website: p.website ?? "",
    description: p.description ?? "",
    fields: p.fields.map(String),
    languages: p.languages,
    barrierFree: p.barrier_free ? "on" : "",
    fees: p.fees ?? "",
    reducedFees: p.reduced_fees ?? "",
    insurer: p.insurer ?? "",
    policyNumber: p.policy_number ?? "",
    policyValidUntil: p.policy_valid_until ?? "",
  };
}

/**
 * An admin saves the association's profile. An organisation the office created before has no
 * profile yet: saving makes one, pending until the office verifies it (nothing gets public unseen).
 * A verified association stays verified when it edits its details; a rejected one goes back to pending.
 */
export async function updateOwnProfile(actor: Actor, organisationId: number, input: Omit<ProfileInput, "intent">, now = new Date()) {
  await transaction(async (trx) => {
    await requireAdminOf(actor, organisationId, trx);
    await checkLookups(trx, { districtId: input.districtId, fieldIds: input.fields, languageCodes: input.languages });
    const ts = now.toISOString();
    const r = await trx.updateTable("organisation").set({ ...organisationColumns(input), updated_at: ts }).where("id", "=", organisationId).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError("errors.notFound", 404);
    const updated = await trx.updateTable("association_profile").set({ ...profileColumns(input), updated_at: ts }).where("organisation_id", "=", organisationId).executeTakeFirst();
    // A rejected registration that is corrected goes back to the office.
    await trx.updateTable("association_profile").set({ status: "pending" }).where("organisation_id", "=", organisationId).where("status", "=", "rejected").execute();
    if (Number(updated.numUpdatedRows) === 0) {
      await trx
        .insertInto("association_profile")
        .values({ organisation_id: organisationId, status: "pending", ...profileColumns(input), registered_by: actor.userId, decided_by: null, decided_at: null, rejection_reason: null, created_at: ts, updated_at: ts })
        .execute();
    }
    await writeFieldsAndLanguages(trx, organisationId, input);
    await recordAudit(trx, { actorUserId: actor.userId, action: "update-profile", entity: "association", entityId: organisationId, now });
  });
}

/** What /verein shows per organisation the actor belongs to: status, role, counts. */
export async function myAssociations(actor: Actor) {
  const db = getDb();
  if (!actor.organisationIds.length) return [];
  const admin = new Set((await adminOrganisations(actor, db)).map((o) => o.id));
  const rows = await db
    .selectFrom("organisation")
    .leftJoin("association_profile", "association_profile.organisation_id", "organisation.id")
    .select(["organisation.id", "association_profile.status", "association_profile.rejection_reason"])
    .select((eb) =>
      eb
        .selectFrom("association_offer")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("association_offer.organisation_id", "=", "organisation.id")
        .where("association_offer.published", "=", 1)
        .as("published_offers"),
    )
    .where("organisation.id", "in", actor.organisationIds)
    .execute();
  return rows.map((r) => ({ id: r.id, status: r.status, rejectionReason: r.rejection_reason, publishedOffers: Number(r.published_offers ?? 0), admin: admin.has(r.id) }));
}
