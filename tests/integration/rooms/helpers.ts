import { getDb } from "../../../app/utils/db.server";
import { addDaysToDay, berlinDay } from "../../../app/utils/dates";

/** A Berlin calendar day `n` days from today (rooms in tests are open every day 08:00–22:00). */
export const dayIn = (n: number) => addDaysToDay(berlinDay(new Date()), n);

export const countBookings = async () => Number((await getDb().selectFrom("booking").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
export const countMail = async () => Number((await getDb().selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

/** A manage link path from a mail's text. */
export function manageLink(text: string): string {
  const m = /http:\/\/localhost:3000(\/raum\/buchung\/[A-Za-z0-9_-]+)/.exec(text);
  if (!m) throw new Error(`no manage link in: ${text}`);
  return m[1];
}

export const requestForm = (o: Record<string, string | string[]> = {}) => ({
  name: "Lina Gast",
  email: "lina@example.org",
  day: dayIn(10),
  startTime: "18:00",
  endTime: "20:00",
  purpose: "Sprachcafé",
  attendees: "12",
  responsibleAdult: "Lina Gast",
  rulesVersion: "1",
  acceptRules: "on",
  ...o,
});
