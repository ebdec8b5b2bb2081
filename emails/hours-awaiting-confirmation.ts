import { defineTemplate } from "./define";

/** To the organiser's office: reported hours have waited too long for a decision. */
export const hoursAwaitingConfirmation = defineTemplate("hours-awaiting-confirmation", (t, d: { name: string; organisation: string; count: number; days: number; url: string }) => ({
  subject: t("coverage:mail.hoursPending.subject"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t("coverage:mail.hoursPending.intro", { count: d.count, organisation: d.organisation, days: d.days })],
  action: { label: t("coverage:mail.action"), url: d.url },
  footer: t("footer"),
}));
