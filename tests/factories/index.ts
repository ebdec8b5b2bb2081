/**
 * Factories: valid records with overrides. Tests use them against a real migrated database,
 * and the demo seed (`db/seed/demo.ts`) builds the demo from the same functions.
 */
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB, LegalForm, Role } from "../../db/schema";
import { hashPassword } from "../../app/auth/password.server";

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
  const { id } = await db
    .insertInto("organisation")
    .values({
      name: o.name ?? `Verein ${uniq()} e.V.`,
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
export { createTestBooking, createTestRoom } from "./rooms";
