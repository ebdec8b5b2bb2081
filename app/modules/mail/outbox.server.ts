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
