import { defineTemplate } from "./define";

/** Goes to the old address after a change. */
export const emailChangedNotice = defineTemplate("email-changed-notice", (t, d: { name: string; newEmail: string }) => ({
  subject: t("emailChangedNotice.subject"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t("emailChangedNotice.intro", { email: d.newEmail }), t("emailChangedNotice.notYou")],
  footer: t("footer"),
}));
