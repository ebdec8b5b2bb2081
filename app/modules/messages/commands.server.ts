import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import { requirePermission, type Actor } from "~/auth/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { hashToken } from "~/utils/crypto.server";
import { getDb, transaction } from "~/utils/db.server";
import { AppError, notFound } from "~/utils/errors";
import { MESSAGE_SEND_LIMITS } from "./limits";
import { recipientsWhere } from "./recipients.server";
import { filterJson, MESSAGE_LOCALES, type MessageFilter, type MessageTexts } from "./schema";

/** The rate limit of group messages (mails of one message due per minute); see `MESSAGE_SEND_LIMITS`. */
export const MESSAGE_MAILS_PER_MINUTE = MESSAGE_SEND_LIMITS.mailsPerMinute;

/** Writes the message's texts (replacing a draft's). */
async function writeTexts(trx: Kysely<DB>, messageId: number, texts: MessageTexts) {
  await trx.deleteFrom("message_text").where("message_id", "=", messageId).execute();
  const rows = MESSAGE_LOCALES.flatMap((l) => {
    const text = texts[l];
    return text ? [{ message_id: messageId, locale: l, subject: text.subject, body: text.body }] : [];
  });
  if (rows.length) await trx.insertInto("message_text").values(rows).execute();
}

/** A draft the office may continue (not sent yet); missing or sent → 404. */
async function openDraft(trx: Kysely<DB>, id: number) {
  const row = await trx.selectFrom("message").select(["id"]).where("id", "=", id).where("sent_at", "is", null).executeTakeFirst();
  if (!row) throw notFound();
  return row.id;
}

/** Saves a draft (new, or the given one) with its filter and texts; returns its id. */
export async function saveDraft(actor: Actor, args: { draftId?: number; filter: MessageFilter; texts: MessageTexts }, now = new Date()): Promise<number> {
  requirePermission(actor, "send:message:any");
  if (!args.texts.de) throw new AppError("errors.required", 400, "subject_de");
  const at = now.toISOString();
  return transaction(async (trx) => {
    let id: number;
    if (args.draftId) {
      id = await openDraft(trx, args.draftId);
      await trx.updateTable("message").set({ filter: filterJson(args.filter), updated_at: at, author_user_id: actor.userId }).where("id", "=", id).execute();
    } else {
      const row = await trx.insertInto("message").values({ filter: filterJson(args.filter), author_user_id: actor.userId, created_at: at, updated_at: at, sent_at: null }).returning("id").executeTakeFirstOrThrow();
      id = Number(row.id);
    }
    await writeTexts(trx, id, args.texts);
    return id;
  });
}

/**
 * Sends a message, in one short transaction: the message becomes "sending" with its filter, the
 * day the filter is read on and how many it counts now, and its texts. Nobody's row or mail is
 * written here: the send job (`send-job.server.ts`, ADR 0047) writes them in batches, reading the
 * opt-outs and languages as it goes. A group without recipients is refused (nothing is stored).
 */
export async function sendMessage(actor: Actor, args: { draftId?: number; filter: MessageFilter; texts: MessageTexts; today: string }, now = new Date()) {
  requirePermission(actor, "send:message:any");
  if (!args.texts.de) throw new AppError("errors.required", 400, "subject_de");
  const at = now.toISOString();
  const where = await recipientsWhere(args.filter, args.today);
  return transaction(async (trx) => {
    const { n } = await trx
      .selectFrom("volunteer_profile as p")
      .where(where)
      .select((e) => e.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const count = Number(n);
    if (!count) throw new AppError("messages:errors.noRecipients", 400);
    const sending = { filter: filterJson(args.filter), updated_at: at, sent_at: at, recipient_count: count, author_user_id: actor.userId, status: "sending" as const, filter_day: args.today, rate_anchor_at: at };
    let id: number;
    if (args.draftId) {
      id = await openDraft(trx, args.draftId);
      await trx.updateTable("message").set(sending).where("id", "=", id).execute();
    } else {
      const row = await trx
        .insertInto("message")
        .values({ ...sending, created_at: at })
        .returning("id")
        .executeTakeFirstOrThrow();
      id = Number(row.id);
    }
    await writeTexts(trx, id, args.texts);
    await recordAudit(trx, { actorUserId: actor.userId, action: "send", entity: "message", entityId: id, details: { recipients: count }, now });
    return { id, recipients: count };
  });
}

/** The one-click opt-out (public, no login): the token of one recipient row. Unknown → 404. */
export async function optOutByToken(token: string, now = new Date()): Promise<void> {
  await transaction(async (trx) => {
    const row = await trx.selectFrom("message_recipient").select("user_id").where("opt_out_token_hash", "=", hashToken(token)).executeTakeFirst();
    if (!row) throw notFound();
    await trx.insertInto("message_opt_out").values({ user_id: row.user_id, opted_out_at: now.toISOString() }).onConflict((oc) => oc.column("user_id").doNothing()).execute();
  });
}

/** Whether an opt-out token is known (the confirmation page, before anything changes). */
export async function isKnownOptOutToken(token: string, db: Kysely<DB> = getDb()): Promise<boolean> {
  return !!(await optOutStateByToken(token, db));
}

/** The opt-out page's state: null for an unknown token, else whether its person has opted out. */
export async function optOutStateByToken(token: string, db: Kysely<DB> = getDb()): Promise<{ optedOut: boolean } | null> {
  const row = await db
    .selectFrom("message_recipient as r")
    .leftJoin("message_opt_out as o", "o.user_id", "r.user_id")
    .select(["r.user_id", "o.opted_out_at"])
    .where("r.opt_out_token_hash", "=", hashToken(token))
    .executeTakeFirst();
  return row ? { optedOut: row.opted_out_at != null } : null;
}

/** A volunteer opts out of, or back into, messages to groups (at /me/einwilligungen). */
export async function setOwnMessageOptOut(actor: Actor, optOut: boolean, now = new Date()): Promise<void> {
  requirePermission(actor, "update:account:own", { userId: actor.userId });
  await transaction(async (trx) => {
    if (optOut) await trx.insertInto("message_opt_out").values({ user_id: actor.userId, opted_out_at: now.toISOString() }).onConflict((oc) => oc.column("user_id").doNothing()).execute();
    else await trx.deleteFrom("message_opt_out").where("user_id", "=", actor.userId).execute();
  });
}
