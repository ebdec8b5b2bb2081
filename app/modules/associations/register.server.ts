import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/permissions";
import { hashPassword } from "~/auth/password.server";
import { createUser, mailExistingAccount, startEmailVerification } from "~/modules/accounts/commands.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { transaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { AppError } from "~/utils/errors";
import { germanSortKey } from "~/utils/text-keys";
import { checkLookups, legalFormOf } from "./lookups.server";
import type { ProfileInput, RegistrationInput } from "./schema";

type ProfileValues = Omit<ProfileInput, "intent">;

/** The organisation's columns from the profile form (insurance only for a registered association, as the office's form does). */
export function organisationColumns(input: ProfileValues) {
  const isAssociation = input.kind === "registered_association";
  return {
    name: input.name,
    name_key: germanSortKey(input.name),
    legal_form: legalFormOf(input.kind),
    email: input.email,
    street: input.street,
    postal_code: input.postalCode,
    town: input.town,
    website: input.website ?? null,
    insurer: isAssociation ? (input.insurer ?? null) : null,
    policy_number: isAssociation ? (input.policyNumber ?? null) : null,
    policy_valid_until: isAssociation ? (input.policyValidUntil ?? null) : null,
  };
}

/** The profile's columns (register entry only for a registered association). */
export function profileColumns(input: ProfileValues) {
  const isAssociation = input.kind === "registered_association";
  return {
    kind: input.kind,
    register_court: isAssociation ? (input.registerCourt ?? null) : null,
    register_number: isAssociation ? (input.registerNumber ?? null) : null,
    district_id: input.districtId,
    description: input.description ?? null,
    fees: input.fees ?? null,
    reduced_fees: input.reducedFees ?? null,
    barrier_free: input.barrierFree ? 1 : 0,
  };
}

/** Replaces the association's fields of action and languages. */
export async function writeFieldsAndLanguages(trx: Kysely<DB>, organisationId: number, input: Pick<ProfileValues, "fields" | "languages">) {
  await trx.deleteFrom("association_field").where("organisation_id", "=", organisationId).execute();
  await trx.deleteFrom("association_language").where("organisation_id", "=", organisationId).execute();
  const fields = [...new Set(input.fields)];
  const languages = [...new Set(input.languages)];
  if (fields.length) await trx.insertInto("association_field").values(fields.map((field_id) => ({ organisation_id: organisationId, field_id }))).execute();
  if (languages.length) await trx.insertInto("association_language").values(languages.map((language_code) => ({ organisation_id: organisationId, language_code }))).execute();
}

/** A new pending association with `adminUserId` as its first admin; returns its id. */
async function writeAssociation(trx: Kysely<DB>, input: ProfileValues, adminUserId: string, now: Date): Promise<number> {
  await checkLookups(trx, { districtId: input.districtId, fieldIds: input.fields, languageCodes: input.languages });
  const ts = now.toISOString();
  const { id } = await trx
    .insertInto("organisation")
    .values({ ...organisationColumns(input), contact_name: null, phone: null, archived_at: null, created_at: ts, updated_at: ts })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("association_profile")
    .values({ organisation_id: id, status: "pending", ...profileColumns(input), registered_by: adminUserId, decided_by: null, decided_at: null, rejection_reason: null, created_at: ts, updated_at: ts })
    .execute();
  await writeFieldsAndLanguages(trx, id, input);
  await trx.insertInto("organisation_member").values({ user_id: adminUserId, organisation_id: id, association_admin: 1, created_at: ts }).execute();
  await trx.insertInto("user_role").values({ user_id: adminUserId, role: "association_member", created_at: ts }).onConflict((oc) => oc.doNothing()).execute();
  await recordAudit(trx, { actorUserId: adminUserId, action: "register", entity: "association", entityId: id, now });
  return id;
}

export type RegistrationResult = { created: true; organisationId: number } | { created: false };

/**
 * Self-registration by an anonymous visitor: a new account (role `association_member`, e-mail to
 * verify through the accounts module's path) and the association, pending until the office
 * verifies it. An address that already has an account gets the "you already have an account" mail
 * and nothing is stored: the answer looks the same, so the form reveals no address (ADR 0032).
 */
export async function registerAssociation(input: RegistrationInput, locale: string, now = new Date()): Promise<RegistrationResult> {
  const passwordHash = await hashPassword(input.password);
  return transaction(async (trx) => {
    const existing = await trx.selectFrom("user").select("id").where("email", "=", input.accountEmail).executeTakeFirst();
    if (existing) {
      await mailExistingAccount(trx, { email: input.accountEmail, now });
      return { created: false } as const;
    }
    const userId = await createUser(trx, { name: input.accountName, email: input.accountEmail, passwordHash, locale, roles: [], now });
    const organisationId = await writeAssociation(trx, input, userId, now);
    await startEmailVerification(trx, { userId, name: input.accountName, email: input.accountEmail, locale, now });
    return { created: true, organisationId } as const;
  });
}

/** Registration by a signed-in user, who becomes the association's first admin. */
export async function registerAssociationAsUser(actor: Actor, input: ProfileValues, now = new Date()): Promise<number> {
  return transaction((trx) => writeAssociation(trx, input, actor.userId, now));
}

/** Where the office's decision goes: the person who registered, else the association's admins, else its address. */
async function decisionRecipients(trx: Kysely<DB>, organisationId: number, registeredBy: string | null, fallback: string | null) {
  if (registeredBy) {
    const u = await trx.selectFrom("user").select(["email", "name", "locale"]).where("id", "=", registeredBy).where("disabled_at", "is", null).executeTakeFirst();
    if (u) return [u];
  }
  const admins = await trx
    .selectFrom("organisation_member")
    .innerJoin("user", "user.id", "organisation_member.user_id")
    .select(["user.email", "user.name", "user.locale"])
    .where("organisation_member.organisation_id", "=", organisationId)
    .where("organisation_member.association_admin", "=", 1)
    .where("user.disabled_at", "is", null)
    .execute();
  if (admins.length) return admins;
  return fallback ? [{ email: fallback, name: "", locale: "de" }] : [];
}

/**
 * The office verifies (pending or rejected → verified) or rejects (pending → rejected, with a
 * reason) a registration; the decision is mailed in the recipient's language, in the same transaction.
 */
export async function decideAssociation(actor: Actor, organisationId: number, decision: { verify: true } | { verify: false; reason: string }, now = new Date()) {
  requirePermission(actor, "verify:association:any");
  await transaction(async (trx) => {
    const row = await trx
      .selectFrom("association_profile")
      .innerJoin("organisation", "organisation.id", "association_profile.organisation_id")
      .select(["association_profile.status", "association_profile.registered_by", "organisation.name", "organisation.email"])
      .where("association_profile.organisation_id", "=", organisationId)
      .executeTakeFirst();
    if (!row) throw new AppError("errors.notFound", 404);
    const allowed = decision.verify ? row.status !== "verified" : row.status === "pending";
    if (!allowed) throw new AppError("associations:errors.alreadyDecided", 400);
    const ts = now.toISOString();
    await trx
      .updateTable("association_profile")
      .set({ status: decision.verify ? "verified" : "rejected", decided_by: actor.userId, decided_at: ts, rejection_reason: decision.verify ? null : decision.reason, updated_at: ts })
      .where("organisation_id", "=", organisationId)
      .execute();
    for (const r of await decisionRecipients(trx, organisationId, row.registered_by, row.email)) {
      if (decision.verify) {
        await enqueueMail(trx, { to: r.email, locale: r.locale, template: "association-verified", data: { name: r.name, association: row.name, url: `${env().BASE_URL}/verein` }, now });
      } else {
        await enqueueMail(trx, { to: r.email, locale: r.locale, template: "association-rejected", data: { name: r.name, association: row.name, reason: decision.reason }, now });
      }
    }
    await recordAudit(trx, { actorUserId: actor.userId, action: decision.verify ? "verify" : "reject", entity: "association", entityId: organisationId, now });
  });
}
