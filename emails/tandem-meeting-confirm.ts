import { formatDate } from "~/utils/dates";
import { defineTemplate } from "./define";

/** To the household, in its language: a one-tap link to confirm one meeting (only the date and the sponsor's first name). */
export const tandemMeetingConfirm = defineTemplate("tandem-meeting-confirm", (t, d: { name: string; sponsor: string; date: string; url: string }) => {
  const lang = (t as unknown as { lng?: string }).lng ?? "de";
  return {
    subject: t("tandems:mail.confirm.subject"),
    greeting: t("greeting", { name: d.name }),
    paragraphs: [t("tandems:mail.confirm.intro", { sponsor: d.sponsor, date: formatDate(d.date, lang) }), t("tandems:mail.confirm.noAccount")],
    action: { label: t("tandems:mail.confirm.action"), url: d.url },
    footer: t("footer"),
  };
});
