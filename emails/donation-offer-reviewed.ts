import { defineTemplate } from "./define";

/** The office accepted the offer, or declined it with a reason. */
export const donationOfferReviewed = defineTemplate("donation-offer-reviewed", (t, d: { name: string; accepted: boolean; reason: string | null; url: string }) => ({
  subject: d.accepted ? t("donationOfferReviewed.subjectAccepted") : t("donationOfferReviewed.subjectDeclined"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: d.accepted ? [t("donationOfferReviewed.accepted")] : [t("donationOfferReviewed.declined"), t("donationOfferReviewed.reason", { reason: d.reason ?? "" })],
  action: { label: t("donationOfferReviewed.action"), url: d.url },
  footer: t("footer"),
}));
