import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import { renderTemplate, type TemplateData, type TemplateName } from "@emails/templates";
import { isUiLanguage } from "~/i18n/config";

export type MailAttachment = { filename: string; contentType: string; content: string };

/** Attachments stored with a message; a damaged value sends the mail without them. */
export function parseAttachments(json: string | null): MailAttachment[] {
  if (!json) return [];
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((a) => a && typeof a.filename === "string" && typeof a.content === "string") : [];
  } catch {
    return [];
  }
}

/**
 * The one mail path: a command calls `enqueueMail` with its own transaction, so the mail
 * exists if and only if the change it reports was committed. The sender delivers later.
 */
export async function enqueueMail<N extends TemplateName>(
  trx: Kysely<DB>,
  args: { to: string; locale: string; template: N; data: TemplateData<N>; now?: Date; attachments?: MailAttachment[] },
): Promise<void> {
  const locale = isUiLanguage(args.locale) ? args.locale : "de";
  const rendered = await renderTemplate(args.template, locale, args.data);
  const now = (args.now ?? new Date()).toISOString();
  await trx
    .insertInto("outbox")
    .values({
      message_id: `<${randomUUID()}@ehrenamt-hub>`,
      to_address: args.to,
      locale,
      template: args.template,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      status: "pending",
      next_attempt_at: now,
      created_at: now,
      attachments: args.attachments?.length ? JSON.stringify(args.attachments) : null,
    })
    .execute();
}

/**
 * Several mails at once, in one statement (bulk commands such as the spreadsheet import): the same
 * path as `enqueueMail` — rendered now, written in the caller's transaction, delivered by the sender.
 * A mail may wait (`notBefore`: the group messages' rate limit) and carry a one-click opt-out address
 * (`listUnsubscribe`). Returns the outbox ids in the order of `mails`.
 */
export async function enqueueMails<N extends TemplateName>(
  trx: Kysely<DB>,
  mails: { to: string; locale: string; template: N; data: TemplateData<N>; notBefore?: Date; listUnsubscribe?: string }[],
  now: Date = new Date(),
): Promise<number[]> {
  if (!mails.length) return [];
  const at = now.toISOString();
  const rows = [];
  for (const m of mails) {
    const locale = isUiLanguage(m.locale) ? m.locale : "de";
    const rendered = await renderTemplate(m.template, locale, m.data);
    rows.push({ message_id: `<${randomUUID()}@ehrenamt-hub>`, to_address: m.to, locale, template: m.template, subject: rendered.subject, html: rendered.html, text: rendered.text, status: "pending" as const, next_attempt_at: m.notBefore ? m.notBefore.toISOString() : at, created_at: at, attachments: null, list_unsubscribe: m.listUnsubscribe ?? null });
  }
  const ids = new Map<string, number>();
  // 12 values a row: well below SQLite's limit of bound values per statement.
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await trx.insertInto("outbox").values(rows.slice(i, i + 500)).returning(["id", "message_id"]).execute();
    for (const r of inserted) ids.set(r.message_id, Number(r.id));
  }
  return rows.map((r) => ids.get(r.message_id)!);
}
