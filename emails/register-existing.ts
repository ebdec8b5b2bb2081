import { defineTemplate } from "./define";

/** Sent instead of a second account, so the register form never reveals a known address. */
export const registerExisting = defineTemplate("register-existing", (t, d: { name: string; loginUrl: string; resetUrl: string }) => ({
  subject: t("registerExisting.subject"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t("registerExisting.intro"), t("registerExisting.reset", { url: d.resetUrl }), t("registerExisting.ignore")],
  action: { label: t("registerExisting.action"), url: d.loginUrl },
  footer: t("footer"),
}));
