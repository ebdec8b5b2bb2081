import type { Actor } from "~/auth/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { transaction } from "~/utils/db.server";

/**
 * Every export of a list is written to the access log (`audit_log`, action `export`; ADR 0007):
 * who, when, which list and filter, in which format, how many rows.
 */
export async function logExport(actor: Pick<Actor, "userId">, args: { list: string; format: string; filter: Record<string, unknown>; rows: number; now?: Date }) {
  const filter = Object.fromEntries(Object.entries(args.filter).filter(([, v]) => v !== undefined && v !== ""));
  await transaction((trx) => recordAudit(trx, { actorUserId: actor.userId, action: "export", entity: args.list, details: { filter, format: args.format, rows: args.rows }, now: args.now }));
}
