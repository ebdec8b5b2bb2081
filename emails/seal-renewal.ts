import { defineTemplate } from "./define";

/** Two months before a seal runs out: the invitation to renew (the answers are taken over). */
export const sealRenewal = defineTemplate("seal-renewal", (t, d: { name: string; organisation: string; validUntil: string; url: string }) => ({
  subject: t("seal:mail.renewal.subject", { organisation: d.organisation }),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t("seal:mail.renewal.body", { organisation: d.organisation, validUntil: d.validUntil })],
  action: { label: t("seal:mail.renewal.action"), url: d.url },
  footer: t("footer"),
}));
