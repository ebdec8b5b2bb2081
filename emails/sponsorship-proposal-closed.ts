import { defineTemplate } from "./define";

/** A proposal made to a volunteer ended before a tandem started (withdrawn, or another sponsor was chosen). */
export const sponsorshipProposalClosed = defineTemplate("sponsorship-proposal-closed", (t, d: { name: string; url: string }) => ({
  subject: t("sponsorships:mail.closed.subject"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t("sponsorships:mail.closed.intro"), t("sponsorships:mail.closed.thanks")],
  action: { label: t("sponsorships:mail.closed.action"), url: d.url },
  footer: t("footer"),
}));
