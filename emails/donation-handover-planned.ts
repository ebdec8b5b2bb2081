import { defineTemplate } from "./define";

/** The donor learns how and when the item changes hands (never who receives it). */
export const donationHandoverPlanned = defineTemplate("donation-handover-planned", (t, d: { name: string; mode: string; date: string; from: string; to: string }) => ({
  subject: t("donationHandoverPlanned.subject"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t("donationHandoverPlanned.intro"), t(`donationHandoverPlanned.${d.mode}`, { date: d.date, from: d.from, to: d.to }), t("donationHandoverPlanned.thanks")],
  footer: t("footer"),
}));
