import { TZDate } from "@date-fns/tz";
import { addMonths, differenceInCalendarDays, format } from "date-fns";
import { TIME_ZONE } from "~/utils/dates";

/**
 * The deadlines of a data subject's request (Art. 12 (3) DSGVO), pure and with date-fns in
 * Europe/Berlin:
 * - the request is answered within **one month of receipt**; the day of receipt is the Berlin
 *   calendar day of the moment it arrived (a letter put in at 00:30 on a summer night counts for
 *   that day, not the UTC day before);
 * - a month ends on the same date of the next month, or on its last day where there is no such
 *   date (received 31 January → due 28/29 February; periods regulation 1182/71 Art. 3 (2) c);
 * - an extension adds **two further months**, counted from receipt as one period of three months
 *   (received 31 January → extended to 30 April, not to 28 April), see ADR 0038.
 */
export const ANSWER_MONTHS = 1;
export const EXTENSION_MONTHS = 2;
/** From this many days before the deadline on, an open request is "due soon" (the inbox says so). */
export const DUE_SOON_DAYS = 7;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function berlinDate(day: string): TZDate {
  if (!DAY.test(day)) throw new Error(`not a calendar day: ${day}`);
  const [y, m, d] = day.split("-").map(Number);
  return new TZDate(y, m - 1, d, 12, 0, 0, TIME_ZONE);
}

/** The Berlin calendar day of the moment a request arrived. */
export function receiptDay(receivedAt: Date): string {
  return format(new TZDate(receivedAt.getTime(), TIME_ZONE), "yyyy-MM-dd");
}

/** The day the answer is due: one month after receipt, or three with the extension. */
export function dueDay(receivedOn: string, extended = false): string {
  return format(addMonths(berlinDate(receivedOn), ANSWER_MONTHS + (extended ? EXTENSION_MONTHS : 0)), "yyyy-MM-dd");
}

export type DeadlineState = "closed" | "overdue" | "dueToday" | "dueSoon" | "open";

/** Where an open request stands on `today` (a Berlin day), and the days left (negative when overdue). */
export function deadlineState(args: { dueOn: string; closed: boolean; today: string }): { state: DeadlineState; daysLeft: number } {
  const daysLeft = differenceInCalendarDays(berlinDate(args.dueOn), berlinDate(args.today));
  if (args.closed) return { state: "closed", daysLeft };
  if (daysLeft < 0) return { state: "overdue", daysLeft };
  if (daysLeft === 0) return { state: "dueToday", daysLeft };
  if (daysLeft <= DUE_SOON_DAYS) return { state: "dueSoon", daysLeft };
  return { state: "open", daysLeft };
}

/** The inbox severity of a request's deadline state. */
export function deadlineSeverity(state: DeadlineState): "urgent" | "normal" | "info" {
  if (state === "overdue" || state === "dueToday") return "urgent";
  if (state === "dueSoon") return "normal";
  return "info";
}
