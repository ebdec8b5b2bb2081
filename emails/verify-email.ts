import { defineTemplate } from "./define";

export const verifyEmail = defineTemplate("verify-email", (t, d: { name: string; url: string }) => ({
  subject: t("verifyEmail.subject"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t("verifyEmail.intro"), t("verifyEmail.validity", { hours: 48 })],
  action: { label: t("verifyEmail.action"), url: d.url },
  footer: t("footer"),
}));
