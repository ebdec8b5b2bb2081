import { can } from "~/auth/permissions";
import type { InboxItem, InboxProvider } from "~/modules/office/inbox-types";
import { berlinDay } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { factsFrom, meetingsInTrialOf, tandemWithProgramme } from "./tandem-queries.server";
import { checkInDue, officeSilence, trialCheckInDue } from "./tandem-rules";

/**
 * The tandems' part of the office inbox: trial check-ins due (trial time over or its meetings
 * held), regular check-ins due (every 3 months), and silences the sponsor's nudge did not end.
 * Items name the tandem's pseudonymous code only.
 */
export const tandemInboxProvider: InboxProvider = async (actor, now) => {
  if (!can(actor, "manage:tandem:any")) return [];
  const today = berlinDay(now);
  const rows = await tandemWithProgramme(getDb())
    .where("t.status", "in", ["trial", "active"])
    // Candidates only: a trial (its meetings may make it due), an active tandem due by date, or one the office was told is silent.
    .where((eb) => eb.or([eb("t.status", "=", "trial"), eb("t.next_checkin_on", "<=", today), eb("t.office_alerted_on", "is not", null)]))
    .orderBy("t.id")
    .limit(500)
    .execute();
  const counts = await meetingsInTrialOf(getDb(), rows);
  const items: InboxItem[] = [];
  for (const t of rows) {
    const { facts, rules } = factsFrom(t, counts.get(t.id) ?? 0);
    const href = `/office/sponsorships/tandems/${t.id}`;
    if (trialCheckInDue(facts, rules, today))
      items.push({ id: `tandem-trial-${t.id}`, module: "sponsorships", titleKey: "tandems:inbox.trialCheckIn", values: { code: t.code }, href, severity: "normal", date: t.trial_ends_on ?? today });
    if (checkInDue(facts, today))
      items.push({ id: `tandem-checkin-${t.id}`, module: "sponsorships", titleKey: "tandems:inbox.checkIn", values: { code: t.code }, href, severity: "normal", date: t.next_checkin_on ?? today });
    if (officeSilence(facts, rules))
      items.push({ id: `tandem-silent-${t.id}`, module: "sponsorships", titleKey: "tandems:inbox.silent", values: { code: t.code }, href, severity: "urgent", date: t.office_alerted_on ?? today });
  }
  return items;
};
