import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import { recordAudit } from "~/modules/audit/audit.server";

/**
 * A view of a person's record by staff, written to `audit_log` with action `view`
 * (see docs/decisions/0001-access-log-in-audit-log.md). Own views are not logged.
 */
export async function recordView(trx: Kysely<DB>, args: { actorUserId: string; entity: string; entityId: string | number; now?: Date }) {
  await recordAudit(trx, { actorUserId: args.actorUserId, action: "view", entity: args.entity, entityId: args.entityId, now: args.now });
}
