import { defineTemplate } from "./define";

/** To the sponsor: a friendly nudge after a silence in the tandem (once per silence). */
export const tandemSilenceNudge = defineTemplate("tandem-silence-nudge", (t, d: { name: string; code: string; days: number; since: string; url: string }) => ({
  subject: t("tandems:mail.nudge.subject"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t("tandems:mail.nudge.intro", { since: d.since, code: d.code }), t("tandems:mail.nudge.help")],
  action: { label: t("tandems:mail.nudge.action"), url: d.url },
  footer: t("footer"),
}));
