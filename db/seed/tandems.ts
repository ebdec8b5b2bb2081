/**
 * Tandems part of the fictitious demo (after the sponsorships' requests and proposals): Oksana
 * (fahrdienst3@example.org) sponsors a tandem in its trial, Rami (fahrdienst4@example.org) an
 * active tandem with meetings (confirmed ones among them, enough for the certificate), an
 * assignment with the city and a history. Both had capacity 1 and no open proposal in the
 * sponsorships demo. Built from the test factories; every name is invented.
 */
import type { Kysely } from "kysely";
import { createTestAssignment } from "../../tests/factories/coverage";
import { createTestMeeting, createTestProgramme, createTestRequest, createTestTandem } from "../../tests/factories/tandems";
import type { DB } from "../schema";

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

export async function seedTandemsDemo(db: Kysely<DB>) {
  const trialSponsor = await db.selectFrom("user").select("id").where("email", "=", "fahrdienst3@example.org").executeTakeFirst();
  const sponsor = await db.selectFrom("user").select("id").where("email", "=", "fahrdienst4@example.org").executeTakeFirst();
  const office = await db.selectFrom("user").select("id").where("email", "=", "koordination@example.org").executeTakeFirst();
  const city = await db.selectFrom("organisation").select("id").where("legal_form", "=", "city").orderBy("id").executeTakeFirst();
  if (!trialSponsor || !sponsor || !office || !city) return;
  // The funded programme of the sponsorships' demo when it exists, else one of its own.
  const programme =
    (await db.selectFrom("sponsorship_programme").select("id").where("kind", "=", "funded").orderBy("id").executeTakeFirst()) ??
    (await createTestProgramme(db, { name: "Menschen stärken Menschen (Demo)", kind: "funded", funder: "Bundesprogramm (Demo)", certificateMeetings: 4 }));

  // In the trial: the first meeting two weeks ago, one meeting since.
  const trialRequest = await createTestRequest(db, { programmeId: programme.id, firstName: "Olha", locale: "uk", districtId: 4, languages: ["uk", "de"], help: ["german", "work"], household: { contactName: "Olha Demofamilie", contactEmail: "haushalt-olha@example.org", street: "Beispielgasse 9" } });
  const trial = await createTestTandem(db, trialSponsor.id, { programmeId: programme.id, request: trialRequest, status: "trial", startedOn: day(-21), firstMeetingAt: `${day(-14)}T15:00:00.000Z`, trialEndsOn: day(28), lastMeetingOn: day(-6), code: "T-DEMO-01" });
  await createTestMeeting(db, trial.id, { day: day(-6), minutes: 90, kind: "accompaniment", topics: "authorities" });

  // Active since two months: an assignment with the city, meetings (three confirmed).
  const activeRequest = await createTestRequest(db, { programmeId: programme.id, firstName: "Rania", locale: "ar", districtId: 2, languages: ["ar"], help: ["authorities", "german"], household: { contactName: "Rania Demohaus", contactEmail: "haushalt-rania@example.org", street: "Demoweg 4" } });
  const assignment = await createTestAssignment(db, { volunteerId: sponsor.id, organisationId: city.id, createdBy: office.id, activity: "Patenschaft T-DEMO-02", startDay: day(-60), documentRef: "tandem:T-DEMO-02" });
  const active = await createTestTandem(db, sponsor.id, { programmeId: programme.id, request: activeRequest, status: "active", startedOn: day(-110), firstMeetingAt: `${day(-102)}T16:00:00.000Z`, trialEndsOn: day(-60), nextCheckInOn: day(30), lastMeetingOn: day(-3), assignmentId: assignment.id, code: "T-DEMO-02" });
  for (const [offset, confirmed, kind] of [[-95, true, "meeting"], [-88, true, "accompaniment"], [-80, true, "phone"], [-66, true, "meeting"], [-52, true, "meeting"], [-45, true, "meeting"], [-20, false, "leisure"], [-3, false, "meeting"]] as const)
    await createTestMeeting(db, active.id, { day: day(offset), confirmed, kind, topics: "german" });

  const at = (offset: number) => `${day(offset)}T10:00:00.000Z`;
  await db
    .insertInto("tandem_event")
    .values([
      { tandem_id: trial.id, kind: "first_meeting_planned", from_status: "first_meeting", to_status: "first_meeting", reason: "office", note: null, actor_user_id: office.id, at: at(-20) },
      { tandem_id: trial.id, kind: "first_meeting", from_status: "first_meeting", to_status: "trial", reason: null, note: null, actor_user_id: office.id, at: at(-14) },
      { tandem_id: active.id, kind: "first_meeting", from_status: "first_meeting", to_status: "trial", reason: null, note: null, actor_user_id: office.id, at: at(-102) },
      { tandem_id: active.id, kind: "trial_continued", from_status: "trial", to_status: "active", reason: null, note: null, actor_user_id: office.id, at: at(-60) },
    ])
    .execute();
}
