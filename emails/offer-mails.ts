import { defineTemplate, languageOf, languageOfForeign } from "./define";

// The mails of the offers directory (issue #15, ADR 0039); texts in `directory.json` (`mail.*`).

/** A visitor wrote about an offer on /angebote/:id: relayed to the association's role address. */
export const offerContactMessage = defineTemplate(
  "offer-contact-message",
  (t, d: { association: string; offer: string; senderName: string; senderEmail: string; senderLocale: string; message: string; url: string }) => ({
    subject: t("directory:mail.contact.subject", { offer: d.offer }),
    greeting: t("directory:mail.contact.greeting", { association: d.association }),
    paragraphs: [t("directory:mail.contact.intro", { offer: d.offer }), t("directory:mail.contact.from", { name: d.senderName, email: d.senderEmail, lang: languageOf(d.senderLocale) }), d.message, t("directory:mail.contact.answer")],
    action: { label: t("directory:mail.contact.action"), url: d.url },
    footer: t("footer"),
    foreign: languageOfForeign(d.senderLocale),
  }),
);

/** A signed-in volunteer pressed "I'd like to help" on an offer that looks for helpers. */
export const offerHelpOffered = defineTemplate(
  "offer-help-offered",
  (t, d: { association: string; offer: string; volunteerName: string; volunteerEmail: string; url: string }) => ({
    subject: t("directory:mail.help.subject", { offer: d.offer }),
    greeting: t("directory:mail.contact.greeting", { association: d.association }),
    paragraphs: [t("directory:mail.help.intro", { name: d.volunteerName, offer: d.offer }), t("directory:mail.help.contact", { email: d.volunteerEmail }), t("directory:mail.help.list")],
    action: { label: t("directory:mail.help.action"), url: d.url },
    footer: t("footer"),
  }),
);
