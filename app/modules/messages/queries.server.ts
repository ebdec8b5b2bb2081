import type { OutboxStatus } from "@db/schema";
import { requirePermission, type Actor } from "~/auth/permissions";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { MESSAGE_LOCALES, parseStoredFilter, type MessageLocale, type MessageTexts } from "./schema";

export const MESSAGES_PAGE_SIZE = 25;

/** The office's messages, newest first (drafts and sent ones), paged in SQL; with the German subject. */
export async function listMessages(actor: Actor, page: number) {
  requirePermission(actor, "send:message:any");
  const db = getDb();
  const { total } = await db.selectFrom("message").select((e) => e.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const offset = (Math.max(1, page) - 1) * MESSAGES_PAGE_SIZE;
  const items = await db
    .selectFrom("message as m")
    .leftJoin("message_text as t", (j) => j.onRef("t.message_id", "=", "m.id").on("t.locale", "=", "de"))
    .leftJoin("user as u", "u.id", "m.author_user_id")
    .select(["m.id", "m.created_at", "m.sent_at", "m.status", "m.recipient_count", "m.queued_count", "t.subject", "u.name as author"])
    .orderBy("m.created_at", "desc")
    .orderBy("m.id", "desc")
    .limit(MESSAGES_PAGE_SIZE)
    .offset(offset)
    .execute();
  return { items, total: Number(total), page: Math.max(1, page), pageSize: MESSAGES_PAGE_SIZE };
}

/**
 * One message for the office: its filter, count, texts, the send job's progress (recipients
 * written to the outbox so far, of the count when sent) and the delivery state of its mails from
 * the outbox, counted per state and per language. No recipient's name or address is shown.
 */
export async function getMessage(actor: Actor, id: number) {
  requirePermission(actor, "send:message:any");
  const db = getDb();
  const message = await db
    .selectFrom("message as m")
    .leftJoin("user as u", "u.id", "m.author_user_id")
    .select(["m.id", "m.filter", "m.created_at", "m.updated_at", "m.sent_at", "m.status", "m.recipient_count", "m.queued_count", "m.finished_at", "u.name as author"])
    .where("m.id", "=", id)
    .executeTakeFirst();
  if (!message) throw notFound();
  const textRows = await db.selectFrom("message_text").select(["locale", "subject", "body"]).where("message_id", "=", id).execute();
  const texts: MessageTexts = {};
  for (const l of MESSAGE_LOCALES) {
    const r = textRows.find((x) => x.locale === l);
    if (r) texts[l] = { subject: r.subject, body: r.body };
  }
  const delivery = await db
    .selectFrom("message_recipient as r")
    .leftJoin("outbox as o", "o.id", "r.outbox_id")
    .select(["r.locale", "o.status"])
    .select((e) => e.fn.countAll<number>().as("n"))
    .where("r.message_id", "=", id)
    .groupBy(["r.locale", "o.status"])
    .execute();
  const byState: Record<OutboxStatus | "gone", number> = { pending: 0, sent: 0, failed: 0, gone: 0 } as Record<OutboxStatus | "gone", number>;
  const byLanguage: Partial<Record<MessageLocale, number>> = {};
  for (const d of delivery) {
    const state = (d.status ?? "gone") as OutboxStatus | "gone";
    byState[state] = (byState[state] ?? 0) + Number(d.n);
    const l = d.locale as MessageLocale;
    byLanguage[l] = (byLanguage[l] ?? 0) + Number(d.n);
  }
  return { ...message, filter: parseStoredFilter(message.filter), texts, delivery: byState, byLanguage };
}

/** Whether the actor has opted out of messages to groups (for /me/einwilligungen). */
export async function isOptedOut(userId: string): Promise<boolean> {
  const row = await getDb().selectFrom("message_opt_out").select("user_id").where("user_id", "=", userId).executeTakeFirst();
  return !!row;
}

/** The names of what a filter refers to (district, field, language, association), to show it. */
export async function filterLookups() {
  const db = getDb();
  const [districts, fields, languages, organisations] = await Promise.all([
    db.selectFrom("district").select(["id", "name"]).where("active", "=", 1).orderBy("sort_order").execute(),
    db.selectFrom("field_of_action").select(["id", "slug", "name"]).where("active", "=", 1).orderBy("sort_order").execute(),
    db.selectFrom("language").select(["code", "name_native", "name_de"]).orderBy("sort_order").execute(),
    db.selectFrom("organisation").select(["id", "name"]).where("archived_at", "is", null).orderBy("name_key").orderBy("name").orderBy("id").execute(),
  ]);
  return { districts, fields, languages, organisations };
}
