import { formatDate } from "~/utils/dates";
import { defineTemplate } from "./define";

/** The office fixed the day of the intake talk. */
export const volunteerIntakeScheduled = defineTemplate("volunteer-intake-scheduled", (t, d: { name: string; date: string; url: string }) => {
  const lang = (t as unknown as { lng?: string }).lng ?? "de";
  return {
    subject: t("volunteerIntakeScheduled.subject"),
    greeting: t("greeting", { name: d.name }),
    paragraphs: [t("volunteerIntakeScheduled.intro", { date: formatDate(d.date, lang) }), t("volunteerIntakeScheduled.bring")],
    action: { label: t("volunteerIntakeScheduled.action"), url: d.url },
    footer: t("footer"),
  };
});
