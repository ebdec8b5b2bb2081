import { defineTemplate } from "./define";

/** After step 3 of the registration: received, and what happens next. */
export const volunteerWelcome = defineTemplate("volunteer-welcome", (t, d: { name: string; url: string }) => ({
  subject: t("volunteerWelcome.subject"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t("volunteerWelcome.intro"), t("volunteerWelcome.next"), t("volunteerWelcome.insurance")],
  action: { label: t("volunteerWelcome.action"), url: d.url },
  footer: t("footer"),
}));
