import { defineTemplate } from "./define";

export const confirmEmailChange = defineTemplate("confirm-email-change", (t, d: { name: string; url: string; newEmail: string }) => ({
  subject: t("confirmEmailChange.subject"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t("confirmEmailChange.intro", { email: d.newEmail }), t("confirmEmailChange.validity", { hours: 48 })],
  action: { label: t("confirmEmailChange.action"), url: d.url },
  footer: t("footer"),
}));
