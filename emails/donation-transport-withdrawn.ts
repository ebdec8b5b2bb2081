import { defineTemplate } from "./define";

/** A transport the volunteer was asked for (or had accepted) is off: new plan, or the reservation ended. */
export const donationTransportWithdrawn = defineTemplate("donation-transport-withdrawn", (t, d: { name: string; date: string; from: string; to: string; url: string }) => ({
  subject: t("donationTransportWithdrawn.subject"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t("donationTransportWithdrawn.intro", { date: d.date, from: d.from, to: d.to }), t("donationTransportWithdrawn.thanks")],
  action: { label: t("donationTransportWithdrawn.action"), url: d.url },
  footer: t("footer"),
}));
