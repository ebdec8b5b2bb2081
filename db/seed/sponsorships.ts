/**
 * Sponsorships part of the fictitious demo (requests and proposals; the tandems and their meetings
 * are seeded by the tandem part): three programmes (the city's own, the federal programme
 * "Menschen stärken Menschen" with its funding period, the demo association's ambassador
 * programme), demo volunteers willing to be sponsors, open requests of the demo households (one a
 * family tandem with children, where only a sponsor with a valid § 72a inspection can be proposed),
 * a proposal waiting for the demo volunteer's answer on /me/sponsorships, an accepted one waiting for
 * the household's agreement, and a request from the public form waiting in the office inbox.
 * Every name is invented; built from the test factories.
 */
import type { Kysely } from "kysely";
import { createTestHousehold } from "../../tests/factories/donations";
import { createTestProgramme, createTestProposal, createTestRequest, makeTestSponsor } from "../../tests/factories/sponsorships";
import type { DB } from "../schema";

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const dayAgo = (n: number) => daysAgo(n).slice(0, 10);

export async function seedSponsorshipsDemo(db: Kysely<DB>) {
  const userId = async (email: string) => (await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst())?.id;
  const householdId = async (code: string) => (await db.selectFrom("household").select("id").where("code", "=", code).executeTakeFirst())?.id;
  const association = await db.selectFrom("organisation").select("id").where("name", "like", "Arbeitskreis Miteinander%").executeTakeFirst();

  await createTestProgramme(db, { name: "Patenschaften der Stadt Willich", kind: "city" });
  const year = new Date().getUTCFullYear();
  await createTestProgramme(db, { name: "Menschen stärken Menschen", kind: "funded", funder: "Bundesprogramm (Förderung des Bundes)", periodStart: `${year}-01-01`, periodEnd: `${year}-12-31` });
  if (association) await createTestProgramme(db, { name: "Botschafter-Programm Arbeitskreis Miteinander", kind: "association", organisationId: association.id });

  // Sponsors: the demo volunteer (Schiefbahn, Polish, German, English), Lea (inspected § 72a
  // certificate, so she may take the family tandem with children), and two of the drivers.
  const tomasz = await userId("ehrenamt@example.org");
  const lea = await userId("ehrenamt7@example.org");
  const rami = await userId("fahrdienst4@example.org");
  const oksana = await userId("fahrdienst3@example.org");
  const hakan = await userId("fahrdienst2@example.org");
  if (tomasz) await makeTestSponsor(db, tomasz, { capacity: 1, help: ["authorities", "work", "german"], times: ["2-evening", "6-morning"], districtId: 2, gender: "male", hasCar: true, intakeOn: dayAgo(60) });
  if (lea) await makeTestSponsor(db, lea, { capacity: 2, help: ["german", "school", "leisure"], times: ["3-afternoon", "5-evening"], districtId: 4, gender: "female", intakeOn: dayAgo(190) });
  if (rami) await makeTestSponsor(db, rami, { capacity: 1, help: ["authorities", "housing", "health"], times: ["2-evening", "5-evening"], districtId: 2, gender: "male", hasCar: true, intakeOn: dayAgo(90) });
  if (oksana) await makeTestSponsor(db, oksana, { capacity: 1, help: ["german", "health", "school"], times: ["4-afternoon", "7-morning"], districtId: 4, gender: "female", hasCar: true, intakeOn: dayAgo(80) });
  if (hakan) await makeTestSponsor(db, hakan, { capacity: 2, help: ["work", "housing", "leisure"], times: ["3-morning", "6-morning"], districtId: 3, gender: "male", hasCar: true, intakeOn: dayAgo(70) });

  // Amal's family (Neersen, Arabic, two children): a family tandem with minors, no proposal yet.
  const h1 = await householdId("H-DEMO1");
  if (h1) await createTestRequest(db, h1, { firstName: "Amal", languages: ["ar", "de"], help: ["school", "german"], times: ["3-afternoon", "5-evening"], districtId: 4, genderWish: "female", familyTandem: true, hasMinors: true, requestedAt: daysAgo(12) });
  // Iryna (Alt-Willich, Ukrainian): the demo volunteer is asked and can answer on /me/sponsorships.
  const h2 = await householdId("H-DEMO2");
  if (h2) {
    const r = await createTestRequest(db, h2, { firstName: "Iryna", languages: ["uk", "de"], help: ["authorities", "work"], times: ["2-evening"], districtId: 1, requestedAt: daysAgo(20) });
    if (tomasz) await createTestProposal(db, r.id, tomasz, { proposedAt: daysAgo(2) });
    if (oksana) await createTestProposal(db, r.id, oksana, { status: "declined", declineReason: "no_time", proposedAt: daysAgo(9), decidedAt: daysAgo(8) });
  }
  // Karim (Anrath, Farsi): Hakan accepted, the office still has to record the household's agreement.
  const h3 = await householdId("H-DEMO3");
  if (h3) {
    const r = await createTestRequest(db, h3, { firstName: "Karim", languages: ["fa", "de"], help: ["work", "housing"], times: ["6-morning"], districtId: 3, requestedAt: daysAgo(25) });
    if (hakan) await createTestProposal(db, r.id, hakan, { status: "accepted", proposedAt: daysAgo(5), decidedAt: daysAgo(3) });
  }
  // A request from the public form (in Ukrainian), not taken up yet: in the office inbox.
  const h4 = await createTestHousehold(db, { code: "H-DEMO4", contactName: "Olena", contactPhone: "02154 999004", contactEmail: null, street: null, districtId: 2, adults: 1, languages: ["uk"], consent: false, createdAt: daysAgo(1) });
  await createTestRequest(db, h4.id, { firstName: "Olena", source: "public", status: "new", languages: ["uk"], help: ["german", "leisure"], times: ["1-morning", "3-morning"], districtId: 2, genderWish: "female", locale: "uk", requestedAt: daysAgo(1) });
}
