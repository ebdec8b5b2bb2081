import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import { renderTemplate, type TemplateData, type TemplateName } from "@emails/templates";
import { isUiLanguage } from "~/i18n/config";

/**
 * The one mail path: a command calls `enqueueMail` with its own transaction, so the mail
 * exists if and only if the change it reports was committed. The sender delivers later.
 */
export async function enqueueMail<N extends TemplateName>(
  trx: Kysely<DB>,
  args: { to: string; locale: string; template: N; data: TemplateData<N>; now?: Date },
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
    })
    .execute();
}
