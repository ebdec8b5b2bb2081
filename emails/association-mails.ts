import { defineTemplate } from "./define";

// The mails of the associations module (issue #15); texts in `associations.json` (`mail.*`).

/** The office verified a registration: the association is public now. */
export const associationVerified = defineTemplate("association-verified", (t, d: { name: string; association: string; url: string }) => ({
  subject: t("associations:mail.verified.subject", { association: d.association }),
  greeting: d.name ? t("greeting", { name: d.name }) : undefined,
  paragraphs: [t("associations:mail.verified.intro", { association: d.association }), t("associations:mail.verified.next")],
  action: { label: t("associations:mail.verified.action"), url: d.url },
  footer: t("footer"),
}));

/** The office rejected a registration, with its reason. */
export const associationRejected = defineTemplate("association-rejected", (t, d: { name: string; association: string; reason: string }) => ({
  subject: t("associations:mail.rejected.subject", { association: d.association }),
  greeting: d.name ? t("greeting", { name: d.name }) : undefined,
  paragraphs: [t("associations:mail.rejected.intro", { association: d.association }), t("associations:mail.rejected.reason", { reason: d.reason }), t("associations:mail.rejected.contact")],
  footer: t("footer"),
}));

/** An association's admin invites someone to join. */
export const associationInvite = defineTemplate("association-invite", (t, d: { association: string; inviter: string; url: string; days: number; role: "member" | "admin" }) => ({
  subject: t("associations:mail.invite.subject", { association: d.association }),
  paragraphs: [
    t(`associations:mail.invite.intro.${d.role}`, { association: d.association, inviter: d.inviter }),
    t("associations:mail.invite.account"),
    t("associations:mail.invite.validity", { count: d.days }),
    t("associations:mail.invite.ignore"),
  ],
  action: { label: t("associations:mail.invite.action"), url: d.url },
  footer: t("footer"),
}));
