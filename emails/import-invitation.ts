import { defineTemplate } from "./define";

/** To a volunteer the office imported from its list: set a password, then confirm the consents (texts in `import.json`). */
export const importInvitation = defineTemplate("import-invitation", (t, d: { name: string; url: string; days: number }) => ({
  subject: t("import:mail.subject"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t("import:mail.intro"), t("import:mail.consents"), t("import:mail.validity", { days: d.days }), t("import:mail.ignore")],
  action: { label: t("import:mail.action"), url: d.url },
  footer: t("footer"),
}));
