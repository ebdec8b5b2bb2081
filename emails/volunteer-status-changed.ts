import { defineTemplate } from "./define";

/** Status changes that matter to the volunteer: active, paused, left (and intake scheduled). */
export const volunteerStatusChanged = defineTemplate("volunteer-status-changed", (t, d: { name: string; status: string; url: string }) => ({
  subject: t("volunteerStatusChanged.subject"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t(`volunteerStatusChanged.${d.status}`), t("volunteerStatusChanged.questions")],
  action: { label: t("volunteerStatusChanged.action"), url: d.url },
  footer: t("footer"),
}));
