import { defineTemplate } from "./define";

export const passwordChangedNotice = defineTemplate("password-changed-notice", (t, d: { name: string }) => ({
  subject: t("passwordChangedNotice.subject"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t("passwordChangedNotice.intro"), t("passwordChangedNotice.notYou")],
  footer: t("footer"),
}));
