import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { getDb } from "~/utils/db.server";

/**
 * A view of a person's record by staff, written to `audit_log` with action `view`
 * (docs/decisions/0007-access-log-in-audit-log.md). `via` says which page showed it.
 */
export async function recordView(trx: Kysely<DB>, args: { actorUserId: string; entity: string; entityId: string | number; via?: string; now?: Date }) {
  await recordAudit(trx, { actorUserId: args.actorUserId, action: "view", entity: args.entity, entityId: args.entityId, details: args.via ? { via: args.via } : undefined, now: args.now });
}

/**
 * Staff looked at volunteers' records (a detail page, or a list that shows a record's facts):
 * one `view` entry per volunteer, written in one statement. Own views are not logged.
 */
export async function recordVolunteerViews(actor: Pick<Actor, "userId">, volunteerIds: Iterable<string>, via: string, db: Kysely<DB> = getDb(), now = new Date()) {
  const at = now.toISOString();
  const details = JSON.stringify({ via });
  const rows = [...new Set(volunteerIds)]
    .filter((id) => id !== actor.userId)
    .map((id) => ({ actor_user_id: actor.userId, action: "view", entity: "volunteer", entity_id: id, details, created_at: at }));
  // SQLite takes at most 32,766 bound values per statement: 6 per row.
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto("audit_log").values(rows.slice(i, i + 1000)).execute();
}
