import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import { requirePermission, type Actor } from "~/auth/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { enqueueMails } from "~/modules/mail/outbox.server";
import { generateToken, hashToken } from "~/utils/crypto.server";
import { getDb, transaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { AppError, notFound } from "~/utils/errors";
import { languageFor, listRecipients, recipientsWhere } from "./recipients.server";
import { filterJson, MESSAGE_LOCALES, type MessageFilter, type MessageTexts } from "./schema";

/**
 * The rate limit of group messages: at most this many of a message's mails become due per minute
 * (the outbox sender delivers what is due; later mails wait in the outbox with a later
 * `next_attempt_at`), so one message never floods the mail server or the sender's queue.
 */
export const MESSAGE_MAILS_PER_MINUTE = 60;

export const optOutUrl = (token: string) => `${env().BASE_URL}/abmelden/${token}`;

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
 * Sends a message: in one transaction the message (with its filter and the count), its texts, one
 * recipient row and one outbox mail per recipient in their language (German if the message lacks
 * it), each with its own one-click opt-out link. The mails become due `MESSAGE_MAILS_PER_MINUTE` a
 * minute. A group without recipients is refused (nothing is stored).
 */
export async function sendMessage(actor: Actor, args: { draftId?: number; filter: MessageFilter; texts: MessageTexts; today: string }, now = new Date()) {
  requirePermission(actor, "send:message:any");
  if (!args.texts.de) throw new AppError("errors.required", 400, "subject_de");
  const at = now.toISOString();
  const where = await recipientsWhere(args.filter, args.today);
  return transaction(async (trx) => {
    const recipients = await listRecipients(where, trx);
    if (!recipients.length) throw new AppError("messages:errors.noRecipients", 400);
    let id: number;
    if (args.draftId) {
      id = await openDraft(trx, args.draftId);
      await trx.updateTable("message").set({ filter: filterJson(args.filter), updated_at: at, sent_at: at, recipient_count: recipients.length, author_user_id: actor.userId }).where("id", "=", id).execute();
    } else {
      const row = await trx
        .insertInto("message")
        .values({ filter: filterJson(args.filter), author_user_id: actor.userId, created_at: at, updated_at: at, sent_at: at, recipient_count: recipients.length })
        .returning("id")
        .executeTakeFirstOrThrow();
      id = Number(row.id);
    }
    await writeTexts(trx, id, args.texts);
    const planned = recipients.map((r, i) => {
      const locale = languageFor(r.locale, args.texts);
      const token = generateToken();
      const text = args.texts[locale]!;
      return {
        recipient: { message_id: id, user_id: r.id, locale, opt_out_token_hash: hashToken(token), outbox_id: null as number | null },
        mail: {
          to: r.email,
          locale,
          template: "group-message" as const,
          data: { name: r.name, subject: text.subject, body: text.body, optOutUrl: optOutUrl(token) },
          notBefore: new Date(now.getTime() + Math.floor(i / MESSAGE_MAILS_PER_MINUTE) * 60_000),
          listUnsubscribe: optOutUrl(token),
        },
      };
    });
    const outboxIds = await enqueueMails(trx, planned.map((p) => p.mail), now);
    const rows = planned.map((p, i) => ({ ...p.recipient, outbox_id: outboxIds[i] }));
    // 6 values a row: well below SQLite's limit of bound values per statement.
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto("message_recipient").values(rows.slice(i, i + 500)).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "send", entity: "message", entityId: id, details: { recipients: recipients.length }, now });
    return { id, recipients: recipients.length };
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
