import { getMailT } from "~/i18n/i18next.server";
import { assignmentEndApproaching } from "./assignment-end-approaching";
import { certificateReinspectionDue } from "./certificate-reinspection-due";
import { confirmEmailChange } from "./confirm-email-change";
import { donationHandoverPlanned } from "./donation-handover-planned";
import { donationOfferExpiring } from "./donation-offer-expiring";
import { donationOfferReceived } from "./donation-offer-received";
import { donationOfferReviewed } from "./donation-offer-reviewed";
import { donationTransportRequest } from "./donation-transport-request";
import { donationTransportWithdrawn } from "./donation-transport-withdrawn";
import type { Template } from "./define";
import { emailChangedNotice } from "./email-changed-notice";
import { hoursAwaitingConfirmation } from "./hours-awaiting-confirmation";
import { renderMail, type RenderedMail } from "./layout";
import { passwordChangedNotice } from "./password-changed-notice";
import { registerExisting } from "./register-existing";
import { resetPassword } from "./reset-password";
import { roomRequestReceived } from "./room-request-received";
import { roomConfirmRequest } from "./room-confirm-request";
import { roomBookingConfirmed } from "./room-booking-confirmed";
import { roomBookingDeclined } from "./room-booking-declined";
import { roomBookingChanged } from "./room-booking-changed";
import { roomBookingCancelled } from "./room-booking-cancelled";
import { roomBookingReminder } from "./room-booking-reminder";
import { roomKeyReturnReminder } from "./room-key-return-reminder";
import { roomManageLink } from "./room-manage-link";
import { verifyEmail } from "./verify-email";
import { officeContactMessage } from "./office-contact-message";
import { officeIntakeReminder } from "./office-intake-reminder";
import { taskDigest } from "./task-digest";
import { volunteerIntakeScheduled } from "./volunteer-intake-scheduled";
import { volunteerStatusChanged } from "./volunteer-status-changed";
import { volunteerWelcome } from "./volunteer-welcome";
import { tandemSilenceNudge } from "./tandem-silence-nudge";
import { tandemMeetingConfirm } from "./tandem-meeting-confirm";
import { sponsorshipProposal } from "./sponsorship-proposal";
import { sponsorshipProposalClosed } from "./sponsorship-proposal-closed";
import { importInvitation } from "./import-invitation";
import { associationInvite, associationRejected, associationVerified } from "./association-mails";
import { sealDecision } from "./seal-decision";
import { sealJurorAssigned } from "./seal-juror-assigned";
import { sealRenewal } from "./seal-renewal";
import { sealReturned } from "./seal-returned";
import { groupMessage } from "./group-message";
// The offers directory (issue #15).
import { offerContactMessage, offerHelpOffered } from "./offer-mails";

/**
 * The registry of all messages. Each template lives in its own file (subject, paragraphs,
 * action; texts in `app/i18n/locales/<lang>/emails.json`) and renders HTML + plain text in
 * the recipient's language. Modules add their templates here.
 */
export const templates = {
  "verify-email": verifyEmail,
  "register-existing": registerExisting,
  "reset-password": resetPassword,
  "confirm-email-change": confirmEmailChange,
  "email-changed-notice": emailChangedNotice,
  "password-changed-notice": passwordChangedNotice,
  "volunteer-welcome": volunteerWelcome,
  "volunteer-intake-scheduled": volunteerIntakeScheduled,
  "volunteer-status-changed": volunteerStatusChanged,
  "office-intake-reminder": officeIntakeReminder,
  "office-contact-message": officeContactMessage,
  "certificate-reinspection-due": certificateReinspectionDue,
  "assignment-end-approaching": assignmentEndApproaching,
  "hours-awaiting-confirmation": hoursAwaitingConfirmation,
  "room-request-received": roomRequestReceived,
  "room-confirm-request": roomConfirmRequest,
  "room-booking-confirmed": roomBookingConfirmed,
  "room-booking-declined": roomBookingDeclined,
  "room-booking-changed": roomBookingChanged,
  "room-booking-cancelled": roomBookingCancelled,
  "room-booking-reminder": roomBookingReminder,
  "room-key-return-reminder": roomKeyReturnReminder,
  "room-manage-link": roomManageLink,
  "donation-offer-received": donationOfferReceived,
  "donation-offer-reviewed": donationOfferReviewed,
  "donation-offer-expiring": donationOfferExpiring,
  "donation-transport-request": donationTransportRequest,
  "donation-transport-withdrawn": donationTransportWithdrawn,
  "donation-handover-planned": donationHandoverPlanned,
  "tandem-silence-nudge": tandemSilenceNudge,
  "tandem-meeting-confirm": tandemMeetingConfirm,
  "sponsorship-proposal": sponsorshipProposal,
  "sponsorship-proposal-closed": sponsorshipProposalClosed,
  "import-invitation": importInvitation,
  "association-verified": associationVerified,
  "association-rejected": associationRejected,
  "association-invite": associationInvite,
  "seal-returned": sealReturned,
  "seal-juror-assigned": sealJurorAssigned,
  "seal-decision": sealDecision,
  "seal-renewal": sealRenewal,
  "task-digest": taskDigest,
  "group-message": groupMessage,
  "offer-contact-message": offerContactMessage,
  "offer-help-offered": offerHelpOffered,
} as const;

export type TemplateName = keyof typeof templates;
export type TemplateData<N extends TemplateName> = (typeof templates)[N] extends Template<infer D> ? D : never;

export async function renderTemplate<N extends TemplateName>(name: N, lang: string, data: TemplateData<N>): Promise<RenderedMail> {
  const t = await getMailT(lang, "emails");
  const template = templates[name] as Template<TemplateData<N>>;
  return renderMail(lang, template.build(t, data));
}
