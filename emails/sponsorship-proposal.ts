import { defineTemplate } from "./define";

/** The office proposes a volunteer as sponsor for a household; they answer on /me/sponsorships. Nothing about the household in the mail. */
export const sponsorshipProposal = defineTemplate("sponsorship-proposal", (t, d: { name: string; url: string }) => ({
  subject: t("sponsorships:mail.proposal.subject"),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t("sponsorships:mail.proposal.intro"), t("sponsorships:mail.proposal.answer")],
  action: { label: t("sponsorships:mail.proposal.action"), url: d.url },
  footer: t("footer"),
}));
