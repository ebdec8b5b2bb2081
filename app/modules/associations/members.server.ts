import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { can, memberOrganisations, requirePermission } from "~/auth/permissions";
import { endAllSessions } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { generateToken, hashToken } from "~/utils/crypto.server";
import { getDb, transaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { AppError } from "~/utils/errors";

/** How long an invitation link is valid. */
export const INVITE_TTL_DAYS = 14;
const DAY = 86_400_000;

/**
 * The organisations the actor administers (`manage:association:own` and the admin flag), with the
 * profile's status when there is one. The scope of every /verein page that changes something.
 */
export async function adminOrganisations(actor: Actor, db: Kysely<DB> = getDb()) {
  const own = memberOrganisations(actor, "manage:association:own");
  if (!own.length) return [];
  return db
    .selectFrom("organisation_member")
    .innerJoin("organisation", "organisation.id", "organisation_member.organisation_id")
    .leftJoin("association_profile", "association_profile.organisation_id", "organisation.id")
    .select(["organisation.id", "organisation.name", "association_profile.status"])
    .where("organisation_member.user_id", "=", actor.userId)
    .where("organisation_member.association_admin", "=", 1)
    .where("organisation.id", "in", own)
    .where("organisation.archived_at", "is", null)
    .orderBy("organisation.name_key")
    .orderBy("organisation.id")
    .execute();
}

/** Is the actor an admin of this organisation (inside the caller's transaction: checked again there)? */
async function isAdmin(db: Kysely<DB>, actor: Actor, organisationId: number): Promise<boolean> {
  if (!can(actor, "manage:association:own", { organisationId })) return false;
  const row = await db
    .selectFrom("organisation_member")
    .innerJoin("organisation", "organisation.id", "organisation_member.organisation_id")
    .select("organisation_member.user_id")
    .where("organisation_member.organisation_id", "=", organisationId)
    .where("organisation_member.user_id", "=", actor.userId)
    .where("organisation_member.association_admin", "=", 1)
    .where("organisation.archived_at", "is", null)
    .executeTakeFirst();
  return !!row;
}

/** Throws a 404 unless the actor administers the organisation: another association's records do not exist for them. */
export async function requireAdminOf(actor: Actor, organisationId: number, db: Kysely<DB> = getDb()) {
  if (!(await isAdmin(db, actor, organisationId))) throw new AppError("errors.notFound", 404);
}

/** Members and open invitations of an organisation the actor administers (else null → 404). */
export async function getMembersPage(actor: Actor, organisationId: number, now = new Date()) {
  const db = getDb();
  if (!(await isAdmin(db, actor, organisationId))) return null;
  const [organisation, members, invites] = await Promise.all([
    db.selectFrom("organisation").select(["id", "name"]).where("id", "=", organisationId).executeTakeFirstOrThrow(),
    db
      .selectFrom("organisation_member")
      .innerJoin("user", "user.id", "organisation_member.user_id")
      .select(["user.id", "user.name", "user.email", "organisation_member.association_admin as admin", "organisation_member.created_at"])
      .where("organisation_member.organisation_id", "=", organisationId)
      .orderBy("user.name_key")
      .orderBy("user.id")
      .execute(),
    db
      .selectFrom("association_invite")
      .select(["id", "email", "as_admin", "expires_at", "created_at"])
      .where("organisation_id", "=", organisationId)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", now.toISOString())
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(100)
      .execute(),
  ]);
  return { organisation, members, invites };
}

/**
 * Invites a person by e-mail: a link valid `INVITE_TTL_DAYS` days; only the SHA-256 of its token is
 * stored (as the accounts' and rooms' links). A new invitation to the same address replaces an open one.
 */
export async function inviteMember(actor: Actor, organisationId: number, input: { email: string; asAdmin: boolean }, now = new Date()) {
  await transaction(async (trx) => {
    if (!(await isAdmin(trx, actor, organisationId))) throw new AppError("errors.notFound", 404);
    const member = await trx
      .selectFrom("organisation_member")
      .innerJoin("user", "user.id", "organisation_member.user_id")
      .select("user.id")
      .where("organisation_member.organisation_id", "=", organisationId)
      .where("user.email", "=", input.email)
      .executeTakeFirst();
    if (member) throw new AppError("associations:errors.alreadyMember", 400, "email");
    const ts = now.toISOString();
    await trx
      .updateTable("association_invite")
      .set({ revoked_at: ts })
      .where("organisation_id", "=", organisationId)
      .where("email", "=", input.email)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .execute();
    const token = generateToken();
    const expiresAt = new Date(now.getTime() + INVITE_TTL_DAYS * DAY).toISOString();
    await trx
      .insertInto("association_invite")
      .values({ organisation_id: organisationId, email: input.email, token_hash: hashToken(token), as_admin: input.asAdmin ? 1 : 0, invited_by: actor.userId, expires_at: expiresAt, accepted_at: null, accepted_by: null, revoked_at: null, created_at: ts })
      .execute();
    const org = await trx.selectFrom("organisation").select("name").where("id", "=", organisationId).executeTakeFirstOrThrow();
    const known = await trx.selectFrom("user").select("locale").where("email", "=", input.email).executeTakeFirst();
    await enqueueMail(trx, {
      to: input.email,
      locale: known?.locale ?? actor.locale,
      template: "association-invite",
      data: { association: org.name, inviter: actor.name, url: `${env().BASE_URL}/verein/einladung/${token}`, days: INVITE_TTL_DAYS, role: input.asAdmin ? "admin" : "member" },
      now,
    });
    await recordAudit(trx, { actorUserId: actor.userId, action: "invite", entity: "association", entityId: organisationId, details: { asAdmin: input.asAdmin }, now });
  });
}

export async function revokeInvite(actor: Actor, organisationId: number, inviteId: number, now = new Date()) {
  await transaction(async (trx) => {
    if (!(await isAdmin(trx, actor, organisationId))) throw new AppError("errors.notFound", 404);
    const r = await trx
      .updateTable("association_invite")
      .set({ revoked_at: now.toISOString() })
      .where("id", "=", inviteId)
      .where("organisation_id", "=", organisationId)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError("errors.notFound", 404);
    await recordAudit(trx, { actorUserId: actor.userId, action: "revoke-invite", entity: "association", entityId: organisationId, now });
  });
}

/** An invitation by its link's token, if still open: what the acceptance page shows. */
export async function findInvite(token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{10,100}$/.test(token)) return null;
  const row = await getDb()
    .selectFrom("association_invite")
    .innerJoin("organisation", "organisation.id", "association_invite.organisation_id")
    .select(["association_invite.id", "association_invite.email", "association_invite.as_admin", "association_invite.expires_at", "association_invite.accepted_at", "association_invite.revoked_at", "organisation.name", "organisation.archived_at"])
    .where("association_invite.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row || row.accepted_at || row.revoked_at || row.archived_at || row.expires_at <= now.toISOString()) return null;
  return { id: row.id, email: row.email, asAdmin: row.as_admin === 1, expiresAt: row.expires_at, organisationName: row.name };
}

/**
 * Accepts an invitation: the signed-in account must be verified and have the invited address (a
 * forwarded link is no use to anyone else). Single use.
 */
export async function acceptInvite(actor: Actor, token: string, now = new Date()): Promise<number> {
  if (!/^[A-Za-z0-9_-]{10,100}$/.test(token)) throw new AppError("errors.notFound", 404);
  return transaction(async (trx) => {
    const invite = await trx.selectFrom("association_invite").selectAll().where("token_hash", "=", hashToken(token)).executeTakeFirst();
    const ts = now.toISOString();
    if (!invite || invite.accepted_at || invite.revoked_at || invite.expires_at <= ts) throw new AppError("errors.notFound", 404);
    if (!actor.emailVerified || actor.email.toLowerCase() !== invite.email.toLowerCase()) throw new AppError("associations:errors.inviteOtherAddress", 400);
    await trx
      .insertInto("organisation_member")
      .values({ user_id: actor.userId, organisation_id: invite.organisation_id, association_admin: invite.as_admin, created_at: ts })
      .onConflict((oc) => oc.columns(["user_id", "organisation_id"]).doNothing())
      .execute();
    await trx.insertInto("user_role").values({ user_id: actor.userId, role: "association_member", created_at: ts }).onConflict((oc) => oc.doNothing()).execute();
    await trx.updateTable("association_invite").set({ accepted_at: ts, accepted_by: actor.userId }).where("id", "=", invite.id).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "accept-invite", entity: "association", entityId: invite.organisation_id, now });
    return invite.organisation_id;
  });
}

/**
 * The last-admin rule for a member about to be removed (by an admin here, or by the office at
 * /office/organisations/:id): refused when they are the organisation's only admin. Call it inside
 * the transaction that removes them (ADR 0026), so two removals at once leave one admin.
 */
export async function assertNotLastAdmin(trx: Kysely<DB>, organisationId: number, userId: string) {
  const member = await trx.selectFrom("organisation_member").select("association_admin").where("organisation_id", "=", organisationId).where("user_id", "=", userId).executeTakeFirst();
  if (member?.association_admin === 1 && (await otherAdmins(trx, organisationId, userId)) < 1) throw new AppError("associations:errors.lastAdmin", 400);
}

/** Admins of the organisation other than `userId` (inside the transaction that is about to change one). */
async function otherAdmins(trx: Kysely<DB>, organisationId: number, userId: string): Promise<number> {
  const { n } = await trx
    .selectFrom("organisation_member")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organisation_id", "=", organisationId)
    .where("association_admin", "=", 1)
    .where("user_id", "!=", userId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * Makes a member an admin or a plain member. The last admin stays one: the check and the change
 * are one transaction (BEGIN IMMEDIATE on SQLite, SERIALIZABLE on PostgreSQL: ADR 0026), so two
 * admins demoting each other at once leave one.
 */
export async function setMemberRole(actor: Actor, organisationId: number, userId: string, role: "member" | "admin", now = new Date()) {
  await transaction(async (trx) => {
    if (!(await isAdmin(trx, actor, organisationId))) throw new AppError("errors.notFound", 404);
    await changeRole(trx, actor, organisationId, userId, role, now);
  });
}

/**
 * The office sets who administers an organisation (at /office/organisations/:id): how an organisation
 * the office created before gets its first admin. The last-admin rule holds here too.
 */
export async function setMemberRoleAsOffice(actor: Actor, organisationId: number, userId: string, role: "member" | "admin", now = new Date()) {
  requirePermission(actor, "manage:organisation:any");
  await transaction((trx) => changeRole(trx, actor, organisationId, userId, role, now));
}

async function changeRole(trx: Kysely<DB>, actor: Actor, organisationId: number, userId: string, role: "member" | "admin", now: Date) {
  const member = await trx.selectFrom("organisation_member").select("association_admin").where("organisation_id", "=", organisationId).where("user_id", "=", userId).executeTakeFirst();
  if (!member) throw new AppError("errors.notFound", 404);
  const admin = role === "admin" ? 1 : 0;
  if (member.association_admin === admin) return;
  if (!admin && (await otherAdmins(trx, organisationId, userId)) < 1) throw new AppError("associations:errors.lastAdmin", 400);
  await trx.updateTable("organisation_member").set({ association_admin: admin }).where("organisation_id", "=", organisationId).where("user_id", "=", userId).execute();
  await recordAudit(trx, { actorUserId: actor.userId, action: "set-role", entity: "association", entityId: organisationId, details: { userId, role }, now });
}

/** Removes a member (also oneself: leaving); never the last admin. The removed member's other sessions end. */
export async function removeMember(actor: Actor, organisationId: number, userId: string, now = new Date()) {
  await transaction(async (trx) => {
    if (!(await isAdmin(trx, actor, organisationId))) throw new AppError("errors.notFound", 404);
    const member = await trx.selectFrom("organisation_member").select("user_id").where("organisation_id", "=", organisationId).where("user_id", "=", userId).executeTakeFirst();
    if (!member) throw new AppError("errors.notFound", 404);
    await assertNotLastAdmin(trx, organisationId, userId);
    await trx.deleteFrom("organisation_member").where("organisation_id", "=", organisationId).where("user_id", "=", userId).execute();
    const left = await trx.selectFrom("organisation_member").select("user_id").where("user_id", "=", userId).executeTakeFirst();
    if (!left) await trx.deleteFrom("user_role").where("user_id", "=", userId).where("role", "=", "association_member").execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "remove-member", entity: "association", entityId: organisationId, details: { userId }, now });
  });
  // Privileges changed: as the office's removal does, the member starts again (not the actor leaving).
  if (userId !== actor.userId) await endAllSessions(userId);
}

/**
 * The /verein pages' first check: a 403 for an actor who belongs to no organisation with
 * `manage:association:own` (volunteers, the office). Whether they administer this one is the
 * scoped load after it (a 404 for another association's records).
 */
export function requireAssociationScope(actor: Actor) {
  if (!memberOrganisations(actor, "manage:association:own").length) throw new AppError("errors.forbidden", 403);
}
