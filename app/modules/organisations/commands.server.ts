import type { Actor } from "~/auth/permissions";
import { endAllSessions, requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { assertNotLastAdmin } from "~/modules/associations/members.server";
import { transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import type { OrganisationInput } from "./schema";
import { refreshVolunteerFactsOfOrganisation } from "~/modules/coverage/volunteer-facts.server";
import { germanSortKey } from "~/utils/text-keys";

function toRow(input: OrganisationInput) {
  const isAssociation = input.legalForm === "registered_association";
  return {
    name: input.name,
    name_key: germanSortKey(input.name),
    legal_form: input.legalForm,
    contact_name: input.contactName ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    street: input.street ?? null,
    postal_code: input.postalCode ?? null,
    town: input.town ?? null,
    website: input.website ?? null,
    // Only registered associations carry their own liability policy.
    insurer: isAssociation ? (input.insurer ?? null) : null,
    policy_number: isAssociation ? (input.policyNumber ?? null) : null,
    policy_valid_until: isAssociation ? (input.policyValidUntil ?? null) : null,
  };
}

export async function createOrganisation(actor: Actor, input: OrganisationInput, now = new Date()): Promise<number> {
  requirePermission(actor, "manage:organisation:any");
  return transaction(async (trx) => {
    const ts = now.toISOString();
    const { id } = await trx
      .insertInto("organisation")
      .values({ ...toRow(input), archived_at: null, created_at: ts, updated_at: ts })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: actor.userId, action: "create", entity: "organisation", entityId: id, now });
    return id;
  });
}

export async function updateOrganisation(actor: Actor, id: number, input: OrganisationInput, now = new Date()) {
  requirePermission(actor, "manage:organisation:any");
  await transaction(async (trx) => {
    const r = await trx.updateTable("organisation").set({ ...toRow(input), updated_at: now.toISOString() }).where("id", "=", id).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError("errors.notFound", 404);
    await recordAudit(trx, { actorUserId: actor.userId, action: "update", entity: "organisation", entityId: id, now });
    // Its insurance may have changed: who is insured today through it.
    await refreshVolunteerFactsOfOrganisation(trx, id, now);
  });
}

/** Organisations are archived, never deleted: assignments and cover records refer to them. */
export async function setOrganisationArchived(actor: Actor, id: number, archived: boolean, now = new Date()) {
  requirePermission(actor, "manage:organisation:any");
  await transaction(async (trx) => {
    const r = await trx
      .updateTable("organisation")
      .set({ archived_at: archived ? now.toISOString() : null, updated_at: now.toISOString() })
      .where("id", "=", id)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError("errors.notFound", 404);
    await recordAudit(trx, { actorUserId: actor.userId, action: archived ? "archive" : "unarchive", entity: "organisation", entityId: id, now });
  });
}

/** Adds an existing account as member; the role `association_member` comes with it. */
export async function addOrganisationMember(actor: Actor, organisationId: number, email: string, now = new Date()): Promise<string> {
  requirePermission(actor, "manage:organisation:any");
  const userId = await transaction(async (trx) => {
    const user = await trx.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst();
    if (!user) throw new AppError("errors.noSuchAccount", 400, "email");
    const org = await trx.selectFrom("organisation").select("id").where("id", "=", organisationId).executeTakeFirst();
    if (!org) throw new AppError("errors.notFound", 404);
    const ts = now.toISOString();
    await trx.insertInto("organisation_member").values({ user_id: user.id, organisation_id: organisationId, created_at: ts }).onConflict((oc) => oc.doNothing()).execute();
    await trx.insertInto("user_role").values({ user_id: user.id, role: "association_member", created_at: ts }).onConflict((oc) => oc.doNothing()).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "add-member", entity: "organisation", entityId: organisationId, details: { userId: user.id }, now });
    return user.id;
  });
  // Privileges changed: the member's sessions start again.
  await endAllSessions(userId);
  return userId;
}

export async function removeOrganisationMember(actor: Actor, organisationId: number, userId: string, now = new Date()) {
  requirePermission(actor, "manage:organisation:any");
  const removed = await transaction(async (trx) => {
    // An association keeps at least one admin (ADR 0032), checked in this transaction.
    await assertNotLastAdmin(trx, organisationId, userId);
    const r = await trx.deleteFrom("organisation_member").where("organisation_id", "=", organisationId).where("user_id", "=", userId).executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) return false;
    const left = await trx.selectFrom("organisation_member").select("user_id").where("user_id", "=", userId).executeTakeFirst();
    if (!left) await trx.deleteFrom("user_role").where("user_id", "=", userId).where("role", "=", "association_member").execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "remove-member", entity: "organisation", entityId: organisationId, details: { userId }, now });
    return true;
  });
  // Only a real change of privileges ends the member's sessions; an unknown id changes nothing.
  if (!removed) throw new AppError("errors.notFound", 404);
  await endAllSessions(userId);
}
