/** Filter values of the office's coverage lists (shared with the browser: the filter bars render them). */

/** `/office/hours`: the statuses of an hours entry. */
export const HOURS_STATUSES = ["submitted", "confirmed", "rejected"] as const;
export type HoursStatus = (typeof HOURS_STATUSES)[number];

/** `/office/certificates`: the states of `certificateStatus`, and records that only wait for their deletion. */
export const CERTIFICATE_LIST_STATES = ["overdue", "dueSoon", "conviction", "none", "valid", "deletion"] as const;
export type CertificateListState = (typeof CERTIFICATE_LIST_STATES)[number];
