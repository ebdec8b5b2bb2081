/**
 * Programmes part of the fictitious demo (ADR 0040): the association's ambassador programme
 * ("Botschafter-Programm Arbeitskreis Miteinander", seeded by the sponsorships part) runs one
 * tandem in its trial, sponsored by an invented ambassador. The association's demo member
 * (verein@example.org) sees it at /verein/sponsorships and can run its steps; the office sees it
 * too. A second request of the programme waits (Samir), and a member of the association is willing
 * to sponsor, so the member can propose them at /verein/sponsorships/requests/:id (ADR 0045).
 * Built from the test factories; every name is invented.
 */
import type { Kysely } from "kysely";
import { createTestVolunteer } from "../../tests/factories";
import { makeTestSponsor } from "../../tests/factories/sponsorships";
import { createTestMeeting, createTestRequest, createTestTandem } from "../../tests/factories/tandems";
import type { DB } from "../schema";

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

export async function seedProgrammesDemo(db: Kysely<DB>) {
  const programme = await db.selectFrom("sponsorship_programme").select(["id", "organisation_id"]).where("kind", "=", "association").where("organisation_id", "is not", null).orderBy("id").executeTakeFirst();
  const member = await db.selectFrom("user").select("id").where("email", "=", "verein@example.org").executeTakeFirst();
  if (!programme || !member) return;
  const ambassador = await createTestVolunteer(db, { email: "botschafterin@example.org", name: "Nadia Beispielstern", status: "active", languages: [{ code: "de", level: "native" }, { code: "ar", level: "C1" }] });
  const request = await createTestRequest(db, {
    programmeId: programme.id,
    firstName: "Yara",
    locale: "ar",
    districtId: 3,
    languages: ["ar", "de"],
    help: ["school", "leisure"],
    household: { contactName: "Yara Demohof", contactEmail: "haushalt-yara@example.org", street: "Probeallee 5" },
  });
  const tandem = await createTestTandem(db, ambassador.id, { programmeId: programme.id, request, status: "trial", startedOn: day(-16), firstMeetingAt: `${day(-10)}T15:00:00.000Z`, trialEndsOn: day(32), lastMeetingOn: day(-4), code: "T-DEMO-03" });
  await db.updateTable("tandem").set({ moderator: "association" }).where("id", "=", tandem.id).execute();
  await createTestMeeting(db, tandem.id, { day: day(-4), minutes: 75, kind: "leisure", topics: "leisure" });
  const at = (offset: number) => `${day(offset)}T10:00:00.000Z`;
  await db
    .insertInto("tandem_event")
    .values([
      { tandem_id: tandem.id, kind: "first_meeting_planned", from_status: "first_meeting", to_status: "first_meeting", reason: "association", note: null, actor_user_id: member.id, at: at(-14) },
      { tandem_id: tandem.id, kind: "first_meeting", from_status: "first_meeting", to_status: "trial", reason: null, note: null, actor_user_id: member.id, at: at(-10) },
    ])
    .execute();
  // A waiting request of the programme and a member of the association who is willing to sponsor.
  await createTestRequest(db, {
    programmeId: programme.id,
    firstName: "Samir",
    locale: "ar",
    districtId: 3,
    status: "open",
    languages: ["ar", "de"],
    help: ["german", "authorities"],
    household: { contactName: "Samir Demofeld", contactEmail: "haushalt-samir@example.org", street: "Probeallee 9" },
  });
  if (programme.organisation_id !== null) {
    const clubSponsor = await createTestVolunteer(db, {
      email: "vereinspate@example.org",
      name: "Jonas Beispielwald",
      status: "active",
      districtId: 3,
      organisationIds: [programme.organisation_id],
      languages: [{ code: "de", level: "native" }, { code: "ar", level: "B1" }],
    });
    await makeTestSponsor(db, clubSponsor.id, { capacity: 1, help: ["german", "authorities"], districtId: 3 });
  }
}
