import type { ExpressionBuilder } from "kysely";
import type { DB } from "@db/schema";
import { getDb } from "~/utils/db.server";
import type { DirectoryFilter } from "./schema";

/**
 * The public directory (/vereine, /vereine/:id): verified, not archived associations and their
 * published offers. Anonymous by design and served from the page cache (scope "organisations",
 * migrations 0037/0038): it shows no person's data: no member, no e-mail address, no street.
 */
export const DIRECTORY_PAGE_SIZE = 20;

type Eb = ExpressionBuilder<DB, "organisation" | "association_profile">;

const hasOfferFilter = (f: DirectoryFilter) => f.field !== undefined || f.district !== undefined || f.language !== undefined || f.free;

/** A published offer of the association (the outer row) that matches every chosen filter. */
function matchingOffer(eb: Eb, f: DirectoryFilter) {
  let q = eb.selectFrom("association_offer as o").select("o.id").whereRef("o.organisation_id", "=", "organisation.id").where("o.published", "=", 1);
  if (f.field !== undefined) q = q.where("o.field_id", "=", f.field);
  if (f.district !== undefined) q = q.where("o.district_id", "=", f.district);
  if (f.free) q = q.where("o.cost", "=", "free");
  if (f.language !== undefined) {
    const code = f.language;
    q = q.where((e) => e.exists(e.selectFrom("association_offer_language as ol").select("ol.offer_id").whereRef("ol.offer_id", "=", "o.id").where("ol.language_code", "=", code)));
  }
  return eb.exists(q);
}

/** The association itself matches every chosen filter (no "free" filter: that one is about offers). */
function matchingProfile(eb: Eb, f: DirectoryFilter) {
  if (f.free) return null;
  const parts = [];
  if (f.field !== undefined) {
    const field = f.field;
    parts.push(eb.exists(eb.selectFrom("association_field as af").select("af.field_id").whereRef("af.organisation_id", "=", "organisation.id").where("af.field_id", "=", field)));
  }
  if (f.district !== undefined) parts.push(eb("association_profile.district_id", "=", f.district));
  if (f.language !== undefined) {
    const code = f.language;
    parts.push(eb.exists(eb.selectFrom("association_language as al").select("al.language_code").whereRef("al.organisation_id", "=", "organisation.id").where("al.language_code", "=", code)));
  }
  return eb.and(parts);
}

function publicAssociations() {
  return getDb()
    .selectFrom("organisation")
    .innerJoin("association_profile", "association_profile.organisation_id", "organisation.id")
    .where("association_profile.status", "=", "verified")
    .where("organisation.archived_at", "is", null);
}

/**
 * One page of the directory. An association is listed when it, or one of its published offers,
 * matches every chosen filter; with filters its matching offers are shown, else all its published ones.
 */
export async function listDirectory(filter: DirectoryFilter, requestedPage: number) {
  let query = publicAssociations();
  if (hasOfferFilter(filter)) {
    query = query.where((eb) => {
      const profile = matchingProfile(eb, filter);
      return profile ? eb.or([matchingOffer(eb, filter), profile]) : matchingOffer(eb, filter);
    });
  }
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const count = Number(total);
  const pages = Math.max(1, Math.ceil(count / DIRECTORY_PAGE_SIZE));
  const page = Math.min(Math.max(1, requestedPage), pages);
  const rows = await query
    .leftJoin("district", "district.id", "association_profile.district_id")
    .select(["organisation.id", "organisation.name", "organisation.town", "organisation.website", "association_profile.kind", "association_profile.barrier_free", "association_profile.reduced_fees", "district.name as district"])
    .orderBy("organisation.name_key")
    .orderBy("organisation.name")
    .orderBy("organisation.id")
    .limit(DIRECTORY_PAGE_SIZE)
    .offset((page - 1) * DIRECTORY_PAGE_SIZE)
    .execute();
  const ids = rows.map((r) => r.id);
  if (!ids.length) return { items: [], total: count, page, pageSize: DIRECTORY_PAGE_SIZE };
  const db = getDb();
  let offers = db
    .selectFrom("association_offer as o")
    .select(["o.id", "o.organisation_id", "o.title", "o.field_id", "o.cost", "o.target_group"])
    .where("o.organisation_id", "in", ids)
    .where("o.published", "=", 1);
  if (filter.field !== undefined) offers = offers.where("o.field_id", "=", filter.field);
  if (filter.district !== undefined) offers = offers.where("o.district_id", "=", filter.district);
  if (filter.free) offers = offers.where("o.cost", "=", "free");
  if (filter.language !== undefined) {
    const code = filter.language;
    offers = offers.where((e) => e.exists(e.selectFrom("association_offer_language as ol").select("ol.offer_id").whereRef("ol.offer_id", "=", "o.id").where("ol.language_code", "=", code)));
  }
  const [offerRows, languageRows, fieldRows] = await Promise.all([
    offers.orderBy("o.title_key").orderBy("o.id").execute(),
    db.selectFrom("association_language").select(["organisation_id", "language_code"]).where("organisation_id", "in", ids).orderBy("language_code").execute(),
    db.selectFrom("association_field").select(["organisation_id", "field_id"]).where("organisation_id", "in", ids).orderBy("field_id").execute(),
  ]);
  const items = rows.map((r) => ({
    ...r,
    offers: offerRows.filter((o) => o.organisation_id === r.id).slice(0, 10),
    languages: languageRows.filter((l) => l.organisation_id === r.id).map((l) => l.language_code),
    fields: fieldRows.filter((f) => f.organisation_id === r.id).map((f) => f.field_id),
  }));
  return { items, total: count, page, pageSize: DIRECTORY_PAGE_SIZE };
}

/** One association's public page (null unless verified and not archived → 404). */
export async function getPublicAssociation(id: number) {
  const db = getDb();
  const association = await publicAssociations()
    .leftJoin("district", "district.id", "association_profile.district_id")
    .select([
      "organisation.id",
      "organisation.name",
      "organisation.town",
      "organisation.website",
      "association_profile.kind",
      "association_profile.description",
      "association_profile.fees",
      "association_profile.reduced_fees",
      "association_profile.barrier_free",
      "district.name as district",
    ])
    .where("organisation.id", "=", id)
    .executeTakeFirst();
  if (!association) return null;
  const [offers, languages, fields] = await Promise.all([
    db
      .selectFrom("association_offer as o")
      .leftJoin("district", "district.id", "o.district_id")
      .select(["o.id", "o.title", "o.description", "o.field_id", "o.place", "o.times", "o.target_group", "o.cost", "o.fee_note", "o.barrier_free", "o.contact_path", "district.name as district"])
      .where("o.organisation_id", "=", id)
      .where("o.published", "=", 1)
      .orderBy("o.title_key")
      .orderBy("o.id")
      .limit(200)
      .execute(),
    db.selectFrom("association_language").select("language_code").where("organisation_id", "=", id).orderBy("language_code").execute(),
    db.selectFrom("association_field").select("field_id").where("organisation_id", "=", id).orderBy("field_id").execute(),
  ]);
  const offerLanguages = offers.length
    ? await db.selectFrom("association_offer_language").select(["offer_id", "language_code"]).where("offer_id", "in", offers.map((o) => o.id)).orderBy("language_code").execute()
    : [];
  return {
    ...association,
    languages: languages.map((l) => l.language_code),
    fields: fields.map((f) => f.field_id),
    offers: offers.map((o) => ({ ...o, languages: offerLanguages.filter((l) => l.offer_id === o.id).map((l) => l.language_code) })),
  };
}
