import type { Kysely } from "kysely";
import type { DB, Role } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { endAllSessions, requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors";

/** Admins other than `userId` who can still log in (a disabled account does not count). */
async function otherActiveAdmins(trx: Kysely<DB>, userId: string): Promise<number> {
  const others = await trx
    .selectFrom("user_role")
    .innerJoin("user", "user.id", "user_role.user_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_role.role", "=", "admin")
    .where("user_role.user_id", "!=", userId)
    .where("user.disabled_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(others.n);
}

/**
 * Sets a user's roles. `association_member` follows organisation membership and is not set
 * here. The last admin cannot lose the admin role. The user's sessions are rotated.
 */
export async function setUserRoles(actor: Actor, userId: string, roles: Role[], now = new Date()) {
  requirePermission(actor, "manage:user:any");
  const wanted = new Set(roles.filter((r) => r !== "association_member"));
  await transaction(async (trx) => {
    const user = await trx.selectFrom("user").select("id").where("id", "=", userId).executeTakeFirst();
    if (!user) throw new AppError("errors.notFound", 404);
    const current = (await trx.selectFrom("user_role").select("role").where("user_id", "=", userId).execute()).map((r) => r.role);
    if (current.includes("admin") && !wanted.has("admin")) {
      // Another admin who can still log in (a disabled account does not count) must remain.
      if ((await otherActiveAdmins(trx, userId)) < 1) throw new AppError("errors.lastAdmin", 400, "roles");
    }
    const ts = now.toISOString();
    await trx.deleteFrom("user_role").where("user_id", "=", userId).where("role", "!=", "association_member").execute();
    if (wanted.size) await trx.insertInto("user_role").values([...wanted].map((role) => ({ user_id: userId, role, created_at: ts }))).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "set-roles", entity: "user", entityId: userId, details: { from: current, to: [...wanted] }, now });
  });
  await endAllSessions(userId);
}

/**
 * Disables or enables an account. The last admin who can log in cannot be disabled: two admins
 * disabling each other at once leave one of them (serialised on SQLite, serialisable on
 * PostgreSQL, ADR 0026).
 */
export async function setUserDisabled(actor: Actor, userId: string, disabled: boolean, now = new Date()) {
  requirePermission(actor, "manage:user:any");
  if (userId === actor.userId) throw new AppError("errors.cannotDisableSelf", 400);
  await transaction(async (trx) => {
    if (disabled && (await otherActiveAdmins(trx, userId)) < 1) {
      const isAdmin = await trx.selectFrom("user_role").select("user_id").where("user_id", "=", userId).where("role", "=", "admin").executeTakeFirst();
      if (isAdmin) throw new AppError("errors.lastAdminDisabled", 400);
    }
    const r = await trx.updateTable("user").set({ disabled_at: disabled ? now.toISOString() : null, updated_at: now.toISOString() }).where("id", "=", userId).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError("errors.notFound", 404);
    await recordAudit(trx, { actorUserId: actor.userId, action: disabled ? "disable" : "enable", entity: "user", entityId: userId, now });
  });
  if (disabled) await endAllSessions(userId);
}
