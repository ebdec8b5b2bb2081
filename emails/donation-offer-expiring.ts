import { defineTemplate } from "./define";

/** Three days before "available until": extend or withdraw. */
export const donationOfferExpiring = defineTemplate("donation-offer-expiring", (t, d: { name: string; date: string; url: string }) => ({
  subject: t("donationOfferExpiring.subject"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t("donationOfferExpiring.intro", { date: d.date }), t("donationOfferExpiring.extend")],
  action: { label: t("donationOfferExpiring.action"), url: d.url },
  footer: t("footer"),
}));
