import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { getDb, transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { germanSortKey, titledSearchKey } from "~/utils/text-keys";
import { checkLookups } from "./lookups.server";
import { adminOrganisations, requireAdminOf } from "./members.server";
import { deleteOfferExtras, offerTextDefaults, readOfferExtras, writeOfferExtras } from "./offer-extras.server";
import type { OfferInput } from "./schema";

/** The offers of every association the actor administers (the /verein/angebote list). */
export async function listOwnOffers(actor: Actor) {
  const orgs = await adminOrganisations(actor);
  if (!orgs.length) return { organisations: orgs, offers: [] };
  const offers = await getDb()
    .selectFrom("association_offer")
    .innerJoin("organisation", "organisation.id", "association_offer.organisation_id")
    .select(["association_offer.id", "association_offer.title", "association_offer.published", "association_offer.updated_at", "association_offer.organisation_id", "organisation.name as organisation_name"])
    // The offers directory (issue #15): how many volunteers said "I'd like to help".
    .select((eb) => eb.selectFrom("association_offer_help as h").select((e) => e.fn.countAll<number>().as("n")).whereRef("h.offer_id", "=", "association_offer.id").as("helpers_count"))
    .where("association_offer.organisation_id", "in", orgs.map((o) => o.id))
    .orderBy("organisation.name_key")
    .orderBy("association_offer.title_key")
    .orderBy("association_offer.id")
    .limit(500)
    .execute();
  return { organisations: orgs, offers: offers.map(({ helpers_count, ...o }) => ({ ...o, helpers: Number(helpers_count ?? 0) })) };
}

/** One offer, only if the actor administers its association (else null → 404). */
export async function getOwnOffer(actor: Actor, offerId: number) {
  const db = getDb();
  const offer = await db
    .selectFrom("association_offer")
    .innerJoin("organisation_member", (j) =>
      j.onRef("organisation_member.organisation_id", "=", "association_offer.organisation_id").on("organisation_member.user_id", "=", actor.userId).on("organisation_member.association_admin", "=", 1),
    )
    .innerJoin("organisation", "organisation.id", "association_offer.organisation_id")
    .selectAll("association_offer")
    .select("organisation.name as organisation_name")
    .where("association_offer.id", "=", offerId)
    .where("organisation.archived_at", "is", null)
    .executeTakeFirst();
  if (!offer) return null;
  try {
    await requireAdminOf(actor, offer.organisation_id, db);
  } catch {
    return null;
  }
  const languages = await db.selectFrom("association_offer_language").select("language_code").where("offer_id", "=", offerId).orderBy("language_code").execute();
  return { ...offer, languages: languages.map((l) => l.language_code), ...(await readOfferExtras(db, offerId)) };
}
export type OwnOffer = NonNullable<Awaited<ReturnType<typeof getOwnOffer>>>;

export function offerDefaults(o: OwnOffer): Record<string, string | string[]> {
  return {
    organisationId: String(o.organisation_id),
    title: o.title,
    description: o.description,
    fieldId: String(o.field_id),
    languages: o.languages,
    districtId: o.district_id ? String(o.district_id) : "",
    place: o.place ?? "",
    times: o.times,
    targetGroup: o.target_group,
    cost: o.cost,
    feeNote: o.fee_note ?? "",
    barrierFree: o.barrier_free ? "on" : "",
    contactPath: o.contact_path,
    published: o.published ? "on" : "",
    ...offerTextDefaults(o),
  };
}

function columns(input: Omit<OfferInput, "intent">) {
  return {
    title: input.title,
    title_key: germanSortKey(input.title),
    description: input.description,
    field_id: input.fieldId,
    district_id: input.districtId ?? null,
    place: input.place ?? null,
    times: input.times,
    target_group: input.targetGroup,
    cost: input.cost,
    fee_note: input.cost === "free" ? null : (input.feeNote ?? null),
    barrier_free: input.barrierFree ? 1 : 0,
    contact_path: input.contactPath,
    published: input.published ? 1 : 0,
    search_key: titledSearchKey(input.title, input.description),
    volunteers_wanted: input.volunteersWanted ? 1 : 0,
  };
}

async function writeLanguages(trx: Kysely<DB>, offerId: number, codes: string[]) {
  await trx.deleteFrom("association_offer_language").where("offer_id", "=", offerId).execute();
  const unique = [...new Set(codes)];
  if (unique.length) await trx.insertInto("association_offer_language").values(unique.map((language_code) => ({ offer_id: offerId, language_code }))).execute();
}

/** A new offer of an association the actor administers (a foreign association's id is a 404). */
export async function createOffer(actor: Actor, input: Omit<OfferInput, "intent">, now = new Date()): Promise<number> {
  return transaction(async (trx) => {
    await requireAdminOf(actor, input.organisationId, trx);
    await checkLookups(trx, { districtId: input.districtId ?? null, fieldIds: [input.fieldId], languageCodes: input.languages, fieldsField: "fieldId" });
    const ts = now.toISOString();
    const { id } = await trx
      .insertInto("association_offer")
      .values({ organisation_id: input.organisationId, ...columns(input), created_by: actor.userId, created_at: ts, updated_at: ts })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeLanguages(trx, id, input.languages);
    await writeOfferExtras(trx, id, input, now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "create", entity: "association_offer", entityId: id, now });
    return id;
  });
}

/** Saves an offer; it stays with its association (the form's organisation is ignored here). */
export async function updateOffer(actor: Actor, offerId: number, input: Omit<OfferInput, "intent">, now = new Date()) {
  await transaction(async (trx) => {
    const offer = await trx.selectFrom("association_offer").select("organisation_id").where("id", "=", offerId).executeTakeFirst();
    if (!offer) throw new AppError("errors.notFound", 404);
    await requireAdminOf(actor, offer.organisation_id, trx);
    await checkLookups(trx, { districtId: input.districtId ?? null, fieldIds: [input.fieldId], languageCodes: input.languages, fieldsField: "fieldId" });
    await trx.updateTable("association_offer").set({ ...columns(input), updated_at: now.toISOString() }).where("id", "=", offerId).execute();
    await writeLanguages(trx, offerId, input.languages);
    await writeOfferExtras(trx, offerId, input, now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "update", entity: "association_offer", entityId: offerId, now });
  });
}

export async function deleteOffer(actor: Actor, offerId: number, now = new Date()) {
  await transaction(async (trx) => {
    const offer = await trx.selectFrom("association_offer").select("organisation_id").where("id", "=", offerId).executeTakeFirst();
    if (!offer) throw new AppError("errors.notFound", 404);
    await requireAdminOf(actor, offer.organisation_id, trx);
    await trx.deleteFrom("association_offer_language").where("offer_id", "=", offerId).execute();
    await deleteOfferExtras(trx, offerId);
    await trx.deleteFrom("association_offer").where("id", "=", offerId).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "delete", entity: "association_offer", entityId: offerId, now });
  });
}
