import { defineTemplate } from "./define";

/** Daily digest to the office: volunteers registered for N days without an intake talk. */
export const officeIntakeReminder = defineTemplate(
  "office-intake-reminder",
  (t, d: { name: string; count: number; days: number; names: string[]; more: number; url: string }) => ({
    subject: t("officeIntakeReminder.subject", { count: d.count }),
    greeting: t("greeting", { name: d.name }),
    paragraphs: [
      t("officeIntakeReminder.intro", { count: d.count, days: d.days }),
      d.names.join(", ") + (d.more > 0 ? ` ${t("officeIntakeReminder.more", { count: d.more })}` : ""),
    ],
    action: { label: t("officeIntakeReminder.action"), url: d.url },
    footer: t("footer"),
  }),
);
