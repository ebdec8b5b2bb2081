import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { getDb } from "~/utils/db.server";
import { containsAsciiIgnoringCase } from "~/utils/like.server";

const PAGE_SIZE = 50;

export async function listOutbox(actor: Actor, args: { status?: "pending" | "sent" | "failed"; q?: string; page: number }) {
  requirePermission(actor, "read:outbox:any");
  let query = getDb().selectFrom("outbox");
  if (args.status) query = query.where("status", "=", args.status);
  if (args.q) query = query.where(containsAsciiIgnoringCase("to_address", args.q));
  const [{ total }, items] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
    query
      .select(["id", "to_address", "subject", "template", "locale", "status", "attempts", "created_at", "sent_at", "last_error"])
      .orderBy("id", "desc")
      .limit(PAGE_SIZE)
      .offset((args.page - 1) * PAGE_SIZE)
      .execute(),
  ]);
  return { items, total: Number(total), page: args.page, pageSize: PAGE_SIZE };
}

export async function getOutboxMessage(actor: Actor, id: number) {
  requirePermission(actor, "read:outbox:any");
  return (await getDb().selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}
