import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB, OutboxStatus } from "../../db/schema";
import { hashToken } from "../../app/utils/crypto.server";

type Text = { subject: string; body: string };

/**
 * A group message (issue #17) written directly: its filter, its texts (German at least) and, when
 * sent (the default), finished by the send job with one recipient row per given user with an opt-out token (given, or random). With `outbox`, each
 * recipient also gets an outbox mail in that state (plain text only), as the sender leaves it.
 */
export async function createTestMessage(
  db: Kysely<DB>,
  o: {
    authorId?: string | null;
    filter?: Record<string, unknown>;
    subject?: string;
    body?: string;
    texts?: Partial<Record<"de" | "en" | "ar" | "uk", Text>>;
    recipients?: Array<{ userId: string; token?: string; locale?: string; email?: string }>;
    sentAt?: string | null;
    outbox?: OutboxStatus;
  } = {},
) {
  const sentAt = o.sentAt === undefined ? new Date().toISOString() : o.sentAt;
  const created = sentAt ?? new Date().toISOString();
  const recipients = o.recipients ?? [];
  const row = await db
    .insertInto("message")
    .values({
      filter: JSON.stringify(o.filter ?? {}),
      author_user_id: o.authorId ?? null,
      recipient_count: sentAt ? recipients.length : 0,
      created_at: created,
      updated_at: created,
      sent_at: sentAt,
      // A sent one as the send job leaves it: every recipient written (migration 0058).
      ...(sentAt ? { status: "done" as const, queued_count: recipients.length, filter_day: sentAt.slice(0, 10), rate_anchor_at: sentAt, finished_at: sentAt } : {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  const texts = o.texts ?? { de: { subject: o.subject ?? "Einladung zum Sommerfest", body: o.body ?? "Liebe Ehrenamtliche,\n\nwir laden herzlich ein." } };
  await db
    .insertInto("message_text")
    .values(Object.entries(texts).map(([locale, t]) => ({ message_id: id, locale, subject: t!.subject, body: t!.body })))
    .execute();
  const tokens: string[] = [];
  for (const r of recipients) {
    const token = r.token ?? randomBytes(20).toString("base64url");
    tokens.push(token);
    const locale = r.locale ?? "de";
    let outboxId: number | null = null;
    if (o.outbox && r.email) {
      const text = texts[locale as keyof typeof texts] ?? texts.de!;
      const mail = await db
        .insertInto("outbox")
        .values({ message_id: `<${token.slice(0, 12)}@ehrenamt-hub>`, to_address: r.email, locale, template: "group-message", subject: text.subject, html: `<p>${text.subject}</p>`, text: text.body, status: o.outbox, next_attempt_at: created, created_at: created, sent_at: o.outbox === "sent" ? created : null, attachments: null })
        .returning("id")
        .executeTakeFirstOrThrow();
      outboxId = Number(mail.id);
    }
    await db.insertInto("message_recipient").values({ message_id: id, user_id: r.userId, locale, outbox_id: outboxId, opt_out_token_hash: hashToken(token) }).execute();
  }
  return { id, tokens };
}
