/**
 * Associations (issue #15): an organisation with a profile, fields, languages, admins and offers;
 * invitations with their link token. Used by the tests and the demo seed.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { AssociationKind, AssociationStatus, DB, OfferCost, OfferTargetGroup, OfferTextLocale } from "../../db/schema";
import { germanSortKey, titledSearchKey } from "../../app/utils/text-keys";
import { createTestOrganisation } from "./index";

let counter = 0;

export type AssociationOverrides = Partial<{
  name: string;
  kind: AssociationKind;
  status: AssociationStatus;
  town: string;
  districtId: number | null;
  description: string;
  fees: string | null;
  reducedFees: string | null;
  barrierFree: boolean;
  /** Field-of-action ids (default: the first field). */
  fieldIds: number[];
  languages: string[];
  /** Users made admins (association_admin = 1) and members of it. */
  adminIds: string[];
  memberIds: string[];
  /** How many published offers to create with default values. */
  offers: number;
  registeredBy: string | null;
  rejectionReason: string | null;
}>;

async function firstId(db: Kysely<DB>, table: "district" | "field_of_action") {
  const row = await db.selectFrom(table).select("id").orderBy("sort_order").orderBy("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function createTestAssociation(db: Kysely<DB>, o: AssociationOverrides = {}) {
  const kind = o.kind ?? "registered_association";
  const legalForm = kind === "registered_association" ? "registered_association" : kind === "initiative" ? "initiative" : "other";
  const { id } = await createTestOrganisation(db, { name: o.name ?? `Testverein ${Date.now().toString(36)}${counter++} e.V.`, legalForm, town: o.town ?? "Willich" });
  await addTestAssociationProfile(db, id, o);
  const offerIds: number[] = [];
  for (let i = 0; i < (o.offers ?? 0); i++) offerIds.push((await createTestAssociationOffer(db, id, { title: `Angebot ${i + 1}` })).id);
  return { id, offerIds };
}

/** Makes an existing organisation an association: profile, fields, languages, admins and members. */
export async function addTestAssociationProfile(db: Kysely<DB>, id: number, o: AssociationOverrides = {}) {
  const kind = o.kind ?? "registered_association";
  const now = new Date().toISOString();
  const districtId = o.districtId === undefined ? await firstId(db, "district") : o.districtId;
  await db
    .insertInto("association_profile")
    .values({
      organisation_id: id,
      status: o.status ?? "verified",
      kind,
      register_court: kind === "registered_association" ? "Amtsgericht Krefeld" : null,
      register_number: kind === "registered_association" ? `VR ${1000 + counter++}` : null,
      district_id: districtId,
      description: o.description ?? "Ein Verein zum Ausprobieren.",
      fees: o.fees === undefined ? "60 € im Jahr" : o.fees,
      reduced_fees: o.reducedFees === undefined ? "Für Neuzugewanderte beitragsfrei" : o.reducedFees,
      barrier_free: o.barrierFree ? 1 : 0,
      registered_by: o.registeredBy ?? o.adminIds?.[0] ?? null,
      decided_by: null,
      decided_at: o.status === "pending" ? null : now,
      rejection_reason: o.rejectionReason ?? null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const fieldIds = o.fieldIds ?? [await firstId(db, "field_of_action")];
  if (fieldIds.length) await db.insertInto("association_field").values(fieldIds.map((field_id) => ({ organisation_id: id, field_id }))).execute();
  const languages = o.languages ?? ["de"];
  if (languages.length) await db.insertInto("association_language").values(languages.map((language_code) => ({ organisation_id: id, language_code }))).execute();
  for (const [userIds, admin] of [
    [o.adminIds ?? [], 1],
    [o.memberIds ?? [], 0],
  ] as const) {
    for (const user_id of userIds) {
      await db.insertInto("organisation_member").values({ user_id, organisation_id: id, association_admin: admin, created_at: now }).execute();
      await db.insertInto("user_role").values({ user_id, role: "association_member", created_at: now }).onConflict((oc) => oc.doNothing()).execute();
    }
  }
}

export type OfferOverrides = Partial<{
  title: string;
  description: string;
  fieldId: number;
  districtId: number | null;
  place: string | null;
  times: string;
  targetGroup: OfferTargetGroup;
  cost: OfferCost;
  feeNote: string | null;
  barrierFree: boolean;
  contactPath: string;
  published: boolean;
  languages: string[];
  /** The offers directory (migration 0049): translations, dates, helpers wanted. */
  texts: Array<{ locale: OfferTextLocale; title: string; description: string }>;
  dates: Array<{ kind: "weekly"; weekday: number; startTime: string; endTime: string; validFrom: string; validUntil?: string | null } | { kind: "single"; startsAt: string; endsAt: string }>;
  volunteersWanted: boolean;
}>;

export async function createTestAssociationOffer(db: Kysely<DB>, organisationId: number, o: OfferOverrides = {}) {
  const now = new Date().toISOString();
  const title = o.title ?? "Offenes Training";
  const description = o.description ?? "Jede Woche, alle sind willkommen.";
  const { id } = await db
    .insertInto("association_offer")
    .values({
      organisation_id: organisationId,
      title,
      title_key: germanSortKey(title),
      description,
      search_key: titledSearchKey(title, description),
      volunteers_wanted: o.volunteersWanted ? 1 : 0,
      field_id: o.fieldId ?? (await firstId(db, "field_of_action")),
      district_id: o.districtId === undefined ? await firstId(db, "district") : o.districtId,
      place: o.place === undefined ? "Sporthalle am Markt" : o.place,
      times: o.times ?? "dienstags 17–19 Uhr",
      target_group: o.targetGroup ?? "everyone",
      cost: o.cost ?? "free",
      fee_note: o.feeNote ?? null,
      barrier_free: o.barrierFree ? 1 : 0,
      contact_path: o.contactPath ?? "Einfach vorbeikommen",
      published: o.published === false ? 0 : 1,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const languages = o.languages ?? ["de"];
  if (languages.length) await db.insertInto("association_offer_language").values(languages.map((language_code) => ({ offer_id: id, language_code }))).execute();
  for (const t of o.texts ?? []) await db.insertInto("association_offer_text").values({ offer_id: id, ...t, search_key: titledSearchKey(t.title, t.description) }).execute();
  for (const d of o.dates ?? []) {
    if (d.kind === "weekly") {
      await db
        .insertInto("association_offer_date")
        .values({ offer_id: id, kind: "weekly", weekday: d.weekday, start_time: d.startTime, end_time: d.endTime, valid_from: d.validFrom, valid_until: d.validUntil ?? null, starts_at: null, ends_at: null })
        .execute();
    } else {
      const wd = new Date(d.startsAt).getUTCDay();
      await db
        .insertInto("association_offer_date")
        .values({ offer_id: id, kind: "single", weekday: wd === 0 ? 7 : wd, start_time: null, end_time: null, valid_from: null, valid_until: null, starts_at: d.startsAt, ends_at: d.endsAt })
        .execute();
    }
  }
  return { id };
}

/** An open invitation and its link's token (only the hash is stored, as the app does). */
export async function createTestInvite(db: Kysely<DB>, organisationId: number, email: string, o: Partial<{ asAdmin: boolean; expiresAt: string }> = {}) {
  const token = randomBytes(20).toString("base64url");
  const now = new Date();
  const { id } = await db
    .insertInto("association_invite")
    .values({
      organisation_id: organisationId,
      email: email.toLowerCase(),
      token_hash: createHash("sha256").update(token).digest("hex"),
      as_admin: o.asAdmin ? 1 : 0,
      invited_by: null,
      expires_at: o.expiresAt ?? new Date(now.getTime() + 7 * 86_400_000).toISOString(),
      accepted_at: null,
      accepted_by: null,
      revoked_at: null,
      created_at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id, token };
}

/** Makes existing members admins of the organisation (the flag `apply:seal:own` and the /verein pages ask for). */
export async function makeTestAdmins(db: Kysely<DB>, organisationId: number, userIds: string[]) {
  await db.updateTable("organisation_member").set({ association_admin: 1 }).where("organisation_id", "=", organisationId).where("user_id", "in", userIds).execute();
}
