import { defineTemplate } from "./define";

/** After an offer: thanks, the private manage link, and (guests) the request to confirm. */
export const donationOfferReceived = defineTemplate("donation-offer-received", (t, d: { name: string; url: string; needsConfirmation: boolean }) => ({
  subject: d.needsConfirmation ? t("donationOfferReceived.subjectConfirm") : t("donationOfferReceived.subject"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [
    t("donationOfferReceived.intro"),
    d.needsConfirmation ? t("donationOfferReceived.confirm") : t("donationOfferReceived.review"),
    t("donationOfferReceived.private"),
  ],
  action: { label: d.needsConfirmation ? t("donationOfferReceived.actionConfirm") : t("donationOfferReceived.action"), url: d.url },
  footer: t("footer"),
}));
