import type { Actor } from "~/auth/permissions";
import { can } from "~/auth/permissions";
import type { InboxProvider } from "~/modules/office/inbox-types";
import { derived } from "~/utils/derived-cache.server";
import { getDb } from "~/utils/db.server";

/** Registrations waiting for the office (oldest first), for /office/organisations and the inbox. */
export async function listPendingAssociations(actor: Actor, limit = 50) {
  if (!can(actor, "verify:association:any")) return [];
  return getDb()
    .selectFrom("association_profile")
    .innerJoin("organisation", "organisation.id", "association_profile.organisation_id")
    .select(["organisation.id", "organisation.name", "association_profile.kind", "association_profile.created_at"])
    .where("association_profile.status", "=", "pending")
    .where("organisation.archived_at", "is", null)
    .orderBy("association_profile.created_at")
    .orderBy("organisation.id")
    .limit(limit)
    .execute();
}

/** The association part of an organisation for the office's detail page (null: no profile, office-managed). */
export async function getAssociationForOffice(actor: Actor, organisationId: number) {
  if (!can(actor, "verify:association:any")) return null;
  const db = getDb();
  const profile = await db
    .selectFrom("association_profile")
    .leftJoin("district", "district.id", "association_profile.district_id")
    .leftJoin("user as registrant", "registrant.id", "association_profile.registered_by")
    .leftJoin("user as decider", "decider.id", "association_profile.decided_by")
    .select([
      "association_profile.status",
      "association_profile.kind",
      "association_profile.register_court",
      "association_profile.register_number",
      "association_profile.description",
      "association_profile.fees",
      "association_profile.reduced_fees",
      "association_profile.barrier_free",
      "association_profile.rejection_reason",
      "association_profile.decided_at",
      "association_profile.created_at",
      "district.name as district",
      "registrant.name as registrant_name",
      "registrant.email as registrant_email",
      "registrant.email_verified_at as registrant_verified_at",
      "decider.name as decider_name",
    ])
    .where("association_profile.organisation_id", "=", organisationId)
    .executeTakeFirst();
  if (!profile) return null;
  const [fields, languages, admins] = await Promise.all([
    db.selectFrom("association_field").innerJoin("field_of_action", "field_of_action.id", "association_field.field_id").select(["field_of_action.slug", "field_of_action.name"]).where("association_field.organisation_id", "=", organisationId).orderBy("field_of_action.sort_order").execute(),
    db.selectFrom("association_language").select("language_code").where("organisation_id", "=", organisationId).orderBy("language_code").execute(),
    db.selectFrom("organisation_member").select("user_id").where("organisation_id", "=", organisationId).where("association_admin", "=", 1).execute(),
  ]);
  return { ...profile, fields, languages: languages.map((l) => l.language_code), adminIds: admins.map((a) => a.user_id) };
}

/** Office inbox: registrations waiting for verification. */
export const associationsInboxProvider: InboxProvider = async (actor) => {
  if (!can(actor, "verify:association:any")) return [];
  // The same for every office member: kept under the organisations' scope (ADR 0049).
  const rows = await derived("inbox:associations-pending", ["organisations"], () => listPendingAssociations(actor));
  return rows.map((r) => ({
    id: `association-${r.id}`,
    module: "organisations",
    titleKey: "associations:inbox.pending",
    values: { name: r.name },
    href: `/office/organisations/${r.id}`,
    severity: "normal",
    date: r.created_at,
  }));
};
