import { defineTemplate } from "./define";

/** A volunteer with a car is asked to transport a donation; they answer on /me/transports. */
export const donationTransportRequest = defineTemplate("donation-transport-request", (t, d: { name: string; date: string; from: string; to: string; url: string }) => ({
  subject: t("donationTransportRequest.subject"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t("donationTransportRequest.intro", { date: d.date, from: d.from, to: d.to }), t("donationTransportRequest.answer"), t("donationTransportRequest.privacy")],
  action: { label: t("donationTransportRequest.action"), url: d.url },
  footer: t("footer"),
}));
