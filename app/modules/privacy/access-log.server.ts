import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { addDaysToDay, berlinToInstant } from "~/utils/dates";
import { getDb, transaction } from "~/utils/db.server";

/**
 * The access log's views (issue #17): for a person (a volunteer by account e-mail, a household by
 * code) who viewed or changed the record, when and through which page; for a staff account what
 * it viewed. Filtered by a period of Berlin days, paged. Looking at the log is itself logged: for a
 * person as a view of the person's record through this page, for a staff account as a view of the
 * `access_log` of that account.
 */
export const ACCESS_PAGE_SIZE = 50;
export const ACCESS_LOG_VIA = "/office/privacy/access-log";

export type AccessQuery =
  | { mode: "volunteer"; email: string; from?: string; to?: string; page: number }
  | { mode: "household"; code: string; from?: string; to?: string; page: number }
  | { mode: "staff"; email: string; from?: string; to?: string; page: number };

export type AccessEntry = { id: number; at: string; action: string; entity: string; entityId: string | null; via: string | null; actorName: string | null };

/** The subject of a query, or null when there is no such person (then nothing is logged). */
async function resolve(q: AccessQuery): Promise<{ entity: string; entityIds: string[]; label: string } | null> {
  const db = getDb();
  if (q.mode === "household") {
    const h = await db.selectFrom("household").select(["id", "code"]).where("code", "=", q.code.trim().toUpperCase()).executeTakeFirst();
    return h ? { entity: "household", entityIds: [String(h.id)], label: h.code } : null;
  }
  const u = await db.selectFrom("user").select(["id", "name"]).where("email", "=", q.email.trim().toLowerCase()).executeTakeFirst();
  if (!u) return null;
  if (q.mode === "staff") {
    const roles = await db.selectFrom("user_role").select("role").where("user_id", "=", u.id).execute();
    if (!roles.some((r) => r.role === "coordinator" || r.role === "admin")) return null;
  }
  return { entity: q.mode === "staff" ? "staff" : "volunteer", entityIds: [u.id], label: u.name };
}

export async function listAccess(actor: Actor, q: AccessQuery, now = new Date()) {
  requirePermission(actor, "manage:privacy");
  const subject = await resolve(q);
  if (!subject) return null;
  return transaction(async (trx) => {
    let base = trx.selectFrom("audit_log as l");
    if (q.mode === "staff") base = base.where("l.actor_user_id", "=", subject.entityIds[0]);
    else if (q.mode === "household") base = base.where("l.entity", "=", "household").where("l.entity_id", "=", subject.entityIds[0]);
    else base = base.where("l.entity", "in", ["volunteer", "user"]).where("l.entity_id", "=", subject.entityIds[0]);
    if (q.from) base = base.where("l.created_at", ">=", berlinToInstant(q.from).toISOString());
    if (q.to) base = base.where("l.created_at", "<", berlinToInstant(addDaysToDay(q.to, 1)).toISOString());
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const total = Number(n);
    const pages = Math.max(1, Math.ceil(total / ACCESS_PAGE_SIZE));
    const page = Math.min(Math.max(1, q.page), pages);
    const rows = await base
      .leftJoin("user as a", "a.id", "l.actor_user_id")
      .select(["l.id", "l.created_at", "l.action", "l.entity", "l.entity_id", "l.details", "a.name as actorName"])
      .orderBy("l.id", "desc")
      .limit(ACCESS_PAGE_SIZE)
      .offset((page - 1) * ACCESS_PAGE_SIZE)
      .execute();
    // Written after the read, so the page does not list its own view.
    const details = { via: ACCESS_LOG_VIA, from: q.from ?? null, to: q.to ?? null };
    if (q.mode === "staff") await recordAudit(trx, { actorUserId: actor.userId, action: "view", entity: "access_log", entityId: subject.entityIds[0], details, now });
    else await recordAudit(trx, { actorUserId: actor.userId, action: "view", entity: subject.entity, entityId: subject.entityIds[0], details, now });
    const entries: AccessEntry[] = rows.map((r) => ({ id: r.id, at: r.created_at, action: r.action, entity: r.entity, entityId: r.entity_id, via: viaOf(r.details), actorName: r.actorName }));
    return { label: subject.label, page, pageSize: ACCESS_PAGE_SIZE, total, entries };
  });
}

/** The page an entry was written through (`details.via`), when it says so. */
function viaOf(details: string | null): string | null {
  if (!details) return null;
  try {
    const parsed = JSON.parse(details) as { via?: unknown };
    return typeof parsed.via === "string" ? parsed.via.slice(0, 200) : null;
  } catch {
    return null;
  }
}
