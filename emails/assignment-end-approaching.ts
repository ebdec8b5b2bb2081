import { defineTemplate } from "./define";

/** To the volunteer: the assignment (and the cover it documents) ends soon. */
export const assignmentEndApproaching = defineTemplate("assignment-end-approaching", (t, d: { name: string; activity: string; date: string; url: string }) => ({
  subject: t("coverage:mail.assignmentEnd.subject"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t("coverage:mail.assignmentEnd.intro", { activity: d.activity, date: d.date })],
  action: { label: t("coverage:mail.action"), url: d.url },
  footer: t("footer"),
}));
