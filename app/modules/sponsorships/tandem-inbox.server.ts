import { can } from "~/auth/permissions";
import type { InboxItem, InboxProvider } from "~/modules/office/inbox-types";
import { addDaysToDay, berlinDay } from "~/utils/dates";
import { derived } from "~/utils/derived-cache.server";
import { getDb } from "~/utils/db.server";
import { factsFrom, meetingsInTrialOf, tandemWithProgramme } from "./tandem-queries.server";
import { checkInDue, officeSilence, trialCheckInDue } from "./tandem-rules";

/**
 * The tandems' part of the office inbox: trial check-ins due (trial time over or its meetings
 * held), regular check-ins due (every 3 months), and silences the sponsor's nudge did not end.
 * Items name the tandem's pseudonymous code only.
 */
export const tandemInboxProvider: InboxProvider = async (actor, now, ctx) => {
  if (!can(actor, "manage:tandem:any")) return [];
  const today = berlinDay(now);
  const tasksInQueue = ctx?.tasksInQueue ?? false;
  // The same for every office member: kept per day under the scope the tandem tables bump (ADR 0049).
  return derived(`inbox:tandems:${today}:${tasksInQueue}`, ["sponsorships"], () => tandemItems(today, tasksInQueue));
};

async function tandemItems(today: string, tasksInQueue: boolean): Promise<InboxItem[]> {
  const db = getDb();
  // A trial not yet over by date is due only once its meetings took place, so its newest meeting
  // lies in the trial, which began less than the longest programme's trial before today.
  const longest = await db.selectFrom("sponsorship_programme").select((e) => e.fn.max("trial_weeks").as("weeks")).executeTakeFirst();
  const earliestTrialStart = addDaysToDay(today, -7 * Number(longest?.weeks ?? 0));
  const rows = await tandemWithProgramme(db)
    .where("t.status", "in", ["trial", "active"])
    // Candidates only (the rules below decide): a trial over by date or with a meeting since the
    // earliest possible trial start, an active tandem due by date, or one the office was told is
    // silent. Not every trial: that was every trial of the county read on every view of /office.
    .where((eb) =>
      eb.or([
        eb.and([eb("t.status", "=", "trial"), eb("t.trial_ends_on", "is not", null), eb.or([eb("t.trial_ends_on", "<=", today), eb("t.last_meeting_on", ">=", earliestTrialStart)])]),
        eb.and([eb("t.status", "=", "active"), eb("t.next_checkin_on", "<=", today)]),
        eb("t.office_alerted_on", "is not", null),
      ]),
    )
    .orderBy("t.id")
    .limit(500)
    .execute();
  const counts = await meetingsInTrialOf(db, rows);
  const items: InboxItem[] = [];
  for (const t of rows) {
    const { facts, rules } = factsFrom(t, counts.get(t.id) ?? 0);
    const href = `/office/sponsorships/tandems/${t.id}`;
    if (trialCheckInDue(facts, rules, today))
      items.push({ id: `tandem-trial-${t.id}`, module: "sponsorships", titleKey: "tandems:inbox.trialCheckIn", values: { code: t.code }, href, severity: "normal", date: t.trial_ends_on ?? today });
    if (checkInDue(facts, today))
      items.push({ id: `tandem-checkin-${t.id}`, module: "sponsorships", titleKey: "tandems:inbox.checkIn", values: { code: t.code }, href, severity: "normal", date: t.next_checkin_on ?? today });
    // A task kind (tandem-silent) for those who work the queue.
    if (!tasksInQueue && officeSilence(facts, rules))
      items.push({ id: `tandem-silent-${t.id}`, module: "sponsorships", titleKey: "tandems:inbox.silent", values: { code: t.code }, href, severity: "urgent", date: t.office_alerted_on ?? today });
  }
  return items;
}
