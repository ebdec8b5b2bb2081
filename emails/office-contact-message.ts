import { defineTemplate, languageOf, languageOfForeign } from "./define";

/** To every coordinator: a message from the public contact page or the accessibility feedback form. */
export const officeContactMessage = defineTemplate(
  "office-contact-message",
  (t, d: { name: string; kind: "contact" | "accessibility"; senderName: string; senderEmail: string; senderLocale: string; page: string; message: string; url: string }) => ({
    subject: t(`officeContact.subject.${d.kind}`),
    greeting: t("greeting", { name: d.name }),
    paragraphs: [
      t(`officeContact.intro.${d.kind}`),
      t("officeContact.from", { name: d.senderName || "—", email: d.senderEmail || t("officeContact.noEmail"), lang: languageOf(d.senderLocale) }),
      ...(d.page ? [t("officeContact.page", { page: d.page })] : []),
      d.message,
      t(`officeContact.answer.${d.kind}`),
    ],
    footer: t("footer"),
    foreign: languageOfForeign(d.senderLocale),
  }),
);
