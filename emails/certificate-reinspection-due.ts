import { defineTemplate } from "./define";

/** To the volunteer: a new extended certificate is due (texts in `coverage.json`, `mail.*`). */
export const certificateReinspectionDue = defineTemplate("certificate-reinspection-due", (t, d: { name: string; date: string; url: string }) => ({
  subject: t("coverage:mail.certificateDue.subject"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t("coverage:mail.certificateDue.intro", { date: d.date })],
  action: { label: t("coverage:mail.action"), url: d.url },
  footer: t("footer"),
}));
