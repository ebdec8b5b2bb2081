import type { Kysely } from "kysely";
import type { DB } from "@db/schema";

/** Who did what to which record (and, for sensitive records, who looked at it). */
export async function recordAudit(
  trx: Kysely<DB>,
  args: { actorUserId: string | null; action: string; entity: string; entityId?: string | number | null; details?: Record<string, unknown>; now?: Date },
) {
  await trx
    .insertInto("audit_log")
    .values({
      actor_user_id: args.actorUserId,
      action: args.action,
      entity: args.entity,
      entity_id: args.entityId == null ? null : String(args.entityId),
      details: args.details ? JSON.stringify(args.details) : null,
      created_at: (args.now ?? new Date()).toISOString(),
    })
    .execute();
}
