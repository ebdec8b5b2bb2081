/**
 * Factories: valid records with overrides. Tests use them against a real migrated database,
 * and the demo seed (`db/seed/demo.ts`) builds the demo from the same functions.
 */
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB, LegalForm, Role } from "../../db/schema";
import { hashPassword } from "../../app/auth/password.server";
import { germanSortKey } from "../../app/utils/text-keys";

let counter = 0;
const uniq = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString("hex")}`;

const hashCache = new Map<string, Promise<string>>();
/** Hashing is deliberately slow; factories reuse the hash of the same password. */
function cachedHash(password: string) {
  let h = hashCache.get(password);
  if (!h) {
    h = hashPassword(password);
    hashCache.set(password, h);
  }
  return h;
}

export type UserOverrides = {
  id?: string;
  email?: string;
  name?: string;
  password?: string;
  roles?: Role[];
  verified?: boolean;
  locale?: string;
  organisationIds?: number[];
  createdAt?: string;
};

export async function createTestUser(db: Kysely<DB>, o: UserOverrides = {}) {
  const now = o.createdAt ?? new Date().toISOString();
  const id = o.id ?? uniq().replace(/[^a-z0-9]/g, "").padEnd(12, "0").slice(0, 16);
  const email = (o.email ?? `user-${uniq()}@example.org`).toLowerCase();
  const password = o.password ?? "correct horse battery";
  await db
    .insertInto("user")
    .values({
      id,
      email,
      name: o.name ?? "Erika Beispiel",
      name_key: germanSortKey(o.name ?? "Erika Beispiel"),
      password_hash: await cachedHash(password),
      email_verified_at: o.verified === false ? null : now,
      locale: o.locale ?? "de",
      disabled_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const roles = o.roles ?? ["volunteer"];
  if (roles.length) await db.insertInto("user_role").values(roles.map((role) => ({ user_id: id, role, created_at: now }))).execute();
  for (const organisation_id of o.organisationIds ?? []) {
    await db.insertInto("organisation_member").values({ user_id: id, organisation_id, created_at: now }).execute();
  }
  return { id, email, password, roles };
}

export type OrganisationOverrides = Partial<{
  name: string;
  legalForm: LegalForm;
  email: string | null;
  phone: string | null;
  contactName: string | null;
  insurer: string | null;
  policyNumber: string | null;
  policyValidUntil: string | null;
  street: string | null;
  postalCode: string | null;
  town: string | null;
  website: string | null;
}>;

export async function createTestOrganisation(db: Kysely<DB>, o: OrganisationOverrides = {}) {
  const now = new Date().toISOString();
  const legalForm = o.legalForm ?? "registered_association";
  const isAssociation = legalForm === "registered_association";
  const name = o.name ?? `Verein ${uniq()} e.V.`;
  const { id } = await db
    .insertInto("organisation")
    .values({
      name,
      name_key: germanSortKey(name),
      legal_form: legalForm,
      contact_name: o.contactName ?? null,
      email: o.email === undefined ? `verein-${uniq()}@example.org` : o.email,
      phone: o.phone ?? null,
      street: o.street ?? null,
      postal_code: o.postalCode ?? null,
      town: o.town ?? "Willich",
      website: o.website ?? null,
      insurer: o.insurer === undefined ? (isAssociation ? "Beispiel Versicherung AG" : null) : o.insurer,
      policy_number: o.policyNumber === undefined ? (isAssociation ? `HV-${uniq()}` : null) : o.policyNumber,
      policy_valid_until: o.policyValidUntil === undefined ? (isAssociation ? "2099-12-31" : null) : o.policyValidUntil,
      archived_at: null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id };
}

export type VolunteerOverrides = UserOverrides & {
  status?: "registered" | "intake_scheduled" | "active" | "paused" | "left";
  districtId?: number | null;
  phone?: string | null;
  languages?: Array<{ code: string; level: "A1" | "A2" | "B1" | "B2" | "C1" | "C2" | "native" }>;
  skills?: string[];
  fieldIds?: number[];
  availability?: Array<{ weekday: number; slot: "morning" | "afternoon" | "evening" }>;
  consents?: boolean;
  statusChangedAt?: string;
  hasCar?: boolean;
};

/** A volunteer account with a profile (and, unless `consents: false`, both consents given). */
export async function createTestVolunteer(db: Kysely<DB>, o: VolunteerOverrides = {}) {
  const user = await createTestUser(db, { ...o, roles: o.roles ?? ["volunteer"] });
  const now = o.createdAt ?? new Date().toISOString();
  const changed = o.statusChangedAt ?? now;
  await db
    .insertInto("volunteer_profile")
    .values({
      user_id: user.id,
      phone: o.phone === undefined ? "02154 12345" : o.phone,
      district_id: o.districtId === undefined ? 1 : o.districtId,
      has_car: o.hasCar ? 1 : 0,
      gender: null,
      birth_year: null,
      status: o.status ?? "registered",
      status_changed_at: changed,
      intake_on: null,
      intake_notes: null,
      erased_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db.insertInto("volunteer_status_history").values({ user_id: user.id, from_status: null, to_status: o.status ?? "registered", changed_by: user.id, reason: null, changed_at: changed }).execute();
  const languages = o.languages ?? [{ code: "de", level: "native" }];
  if (languages.length) await db.insertInto("volunteer_language").values(languages.map((l) => ({ user_id: user.id, language_code: l.code, level: l.level }))).execute();
  if (o.skills?.length) await db.insertInto("volunteer_skill").values(o.skills.map((skill) => ({ user_id: user.id, skill, skill_key: germanSortKey(skill) }))).execute();
  if (o.fieldIds?.length) await db.insertInto("volunteer_field").values(o.fieldIds.map((field_id) => ({ user_id: user.id, field_id }))).execute();
  if (o.availability?.length) await db.insertInto("volunteer_availability").values(o.availability.map((a) => ({ user_id: user.id, ...a }))).execute();
  if (o.consents !== false) {
    const texts = await db.selectFrom("consent_text").select(["id", "purpose"]).where("locale", "=", "de").where("version", "=", 1).execute();
    await db.insertInto("consent_record").values(texts.map((t) => ({ user_id: user.id, purpose: t.purpose, consent_text_id: t.id, given_at: now, withdrawn_at: null }))).execute();
  }
  return user;
}
export { createTestBooking, createTestRoom } from "./rooms";
