/**
 * Coverage part of the fictitious demo: a volunteer who works for the city, for the demo
 * association (so its member sees her at /verein/volunteers) and, with minors, for the youth fire
 * brigade (an inspected § 72a certificate), plus an assignment that ended, and hours — confirmed
 * and waiting. Built from the test factories; every name is invented.
 */
import type { Kysely } from "kysely";
import { createTestVolunteer } from "../../tests/factories/index";
import { createTestAssignment, createTestHours, createTestInspection } from "../../tests/factories/coverage";
import type { DB } from "../schema";

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

export async function seedCoverageDemo(db: Kysely<DB>, password: string) {
  const office = await db.selectFrom("user").select("id").where("email", "=", "koordination@example.org").executeTakeFirstOrThrow();
  const org = async (legalForm: "city" | "registered_association" | "initiative" | "other", name: string) =>
    (await db.selectFrom("organisation").select("id").where("legal_form", "=", legalForm).where("name", "like", `${name}%`).executeTakeFirstOrThrow()).id;
  const city = await org("city", "Stadt Willich");
  const association = await org("registered_association", "Arbeitskreis Miteinander");
  const initiative = await org("initiative", "Initiative LOB");
  const fireBrigade = await org("other", "Freiwillige Feuerwehr");
  const field = async (slug: string) => (await db.selectFrom("field_of_action").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;

  const lea = await createTestVolunteer(db, {
    email: "ehrenamt7@example.org",
    name: "Lea Beispielhof",
    password,
    status: "active",
    districtId: 4,
    languages: [
      { code: "de", level: "native" },
      { code: "ar", level: "B1" },
      { code: "en", level: "C1" },
    ],
    skills: ["nachhilfe mathe", "sprachcafé moderieren"],
    fieldIds: [await field("childcare-language"), await field("culture-education")],
    availability: [
      { weekday: 3, slot: "afternoon" },
      { weekday: 5, slot: "evening" },
    ],
    statusChangedAt: `${day(-200)}T09:00:00.000Z`,
  });
  const by = { createdBy: office.id, volunteerId: lea.id };
  const sprachcafe = await createTestAssignment(db, { ...by, organisationId: city, activity: "Sprachcafé im Gruppenraum Niersweg", fieldOfActionId: await field("childcare-language"), startDay: day(-150), documentRef: "Auftrag KS-2026-014" });
  await createTestAssignment(db, { ...by, organisationId: association, activity: "Hausaufgabenhilfe", fieldOfActionId: await field("culture-education"), startDay: day(-60), endDay: day(120), documentRef: "Vereinbarung AK-07/2026" });
  await createTestAssignment(db, { ...by, organisationId: fireBrigade, activity: "Betreuung der Jugendfeuerwehr (Sprachförderung)", fieldOfActionId: await field("childcare-language"), startDay: day(-40), worksWithMinors: true, documentRef: "JF-Anrath 3/2026" });
  await createTestInspection(db, { volunteerId: lea.id, inspectedBy: office.id, certificateDate: day(-75), inspectedOn: day(-45) });
  await createTestAssignment(db, { ...by, organisationId: initiative, activity: "Umzugshilfe", fieldOfActionId: await field("housing-care-integration"), startDay: day(-190), endDay: day(-100), closedOn: day(-100), closeReason: "Umzüge abgeschlossen", documentRef: "LOB-Zusage 2026-02" });
  for (const offset of [-140, -133, -126, -119, -112, -105, -98]) await createTestHours(db, { assignmentId: sprachcafe.id, day: day(offset), hours: 3, status: "confirmed" });
  await createTestHours(db, { assignmentId: sprachcafe.id, day: day(-20), hours: 3, status: "submitted", createdAt: `${day(-19)}T18:00:00.000Z` });
}
