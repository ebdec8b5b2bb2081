import { getFixedT } from "~/i18n/i18next.server";
import { renderTemplate } from "@emails/templates";
import { env } from "~/utils/env.server";
import { MESSAGE_LOCALES, type MessageLocale, type MessageTexts } from "./schema";

/**
 * The mail as a recipient in each of the message's languages would get it (subject and plain
 * text; a sample name and an example opt-out address stand in for the recipient's own).
 */
export async function previewMails(texts: MessageTexts) {
  const out: Array<{ locale: MessageLocale; subject: string; text: string }> = [];
  for (const locale of MESSAGE_LOCALES) {
    const text = texts[locale];
    if (!text) continue;
    const t = await getFixedT(locale, "messages");
    const mail = await renderTemplate("group-message", locale, { name: t("preview.sampleName"), subject: text.subject, body: text.body, optOutUrl: `${env().BASE_URL}/abmelden/…` });
    out.push({ locale, subject: mail.subject, text: mail.text });
  }
  return out;
}
