import { defineTemplate } from "./define";

export const resetPassword = defineTemplate("reset-password", (t, d: { name: string; url: string }) => ({
  subject: t("resetPassword.subject"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t("resetPassword.intro"), t("resetPassword.validity", { minutes: 60 }), t("resetPassword.ignore")],
  action: { label: t("resetPassword.action"), url: d.url },
  footer: t("footer"),
}));
