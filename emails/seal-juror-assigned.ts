import { defineTemplate } from "./define";

/** A juror was assigned a seal application: first the conflict-of-interest declaration. */
export const sealJurorAssigned = defineTemplate("seal-juror-assigned", (t, d: { name: string; url: string }) => ({
  subject: t("seal:mail.assigned.subject"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t("seal:mail.assigned.body")],
  action: { label: t("seal:mail.assigned.action"), url: d.url },
  footer: t("footer"),
}));
