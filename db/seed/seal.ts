/**
 * The integration seal in the demo (issue #15), all fictitious: the catalogue (version 1, at least
 * 3 of 7 electives), two jurors, one association holding the seal and one application under review
 * (one juror has scored, the other has yet to declare their conflict of interest).
 */
import type { Kysely } from "kysely";
import { createTestUser } from "../../tests/factories/index";
import { createTestApplication, createTestAssignment, createTestAward, createTestCatalogue, createTestJuror } from "../../tests/factories/seal";
import type { DB } from "../schema";

export const DEMO_JURORS = [
  { email: "jury1@example.org", name: "Hanna Beispielrat" },
  { email: "jury2@example.org", name: "Ömer Musterbeirat" },
] as const;

function dayOffset(days: number): string {
  return new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
}

export async function seedSealDemo(db: Kysely<DB>, password: string) {
  await createTestCatalogue(db, { version: 1, electiveMin: 3 });
  const jurors = [];
  for (const j of DEMO_JURORS) {
    const u = await createTestUser(db, { email: j.email, name: j.name, password, roles: ["volunteer"] });
    await createTestJuror(db, u.id);
    jurors.push(u);
  }
  const org = async (name: string) => (await db.selectFrom("organisation").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;

  // Awarded a year ago, valid for three years.
  const lob = await org("Initiative LOB – Lebendig, Offen, Bunt");
  const awarded = await createTestApplication(db, { organisationId: lob, status: "awarded", answered: true, createdAt: `${dayOffset(-400)}T09:00:00.000Z` });
  await createTestAssignment(db, { applicationId: awarded.id, jurorId: jurors[0].id, review: { score: 3, recommendation: "award" } });
  await createTestAssignment(db, { applicationId: awarded.id, jurorId: jurors[1].id, review: { score: 3, recommendation: "award" } });
  await db.updateTable("seal_application").set({ decision_reason: "Alle Pflichtkriterien gut belegt, fünf Wahlkriterien erfüllt (fiktiv).", decided_at: `${dayOffset(-365)}T10:00:00.000Z` }).where("id", "=", awarded.id).execute();
  await createTestAward(db, { applicationId: awarded.id, organisationId: lob, code: `${dayOffset(-365).slice(0, 4)}-0A1B2C3D4E`, awardedOn: dayOffset(-365), validUntil: dayOffset(-365 + 3 * 365 - 1) });

  // Under review: the demo association's application.
  const arbeitskreis = await org("Arbeitskreis Miteinander e.V.");
  const member = await db.selectFrom("user").select("id").where("email", "=", "verein@example.org").executeTakeFirst();
  const inReview = await createTestApplication(db, { organisationId: arbeitskreis, status: "in_review", answered: true, submittedBy: member?.id ?? null, createdAt: `${dayOffset(-20)}T09:00:00.000Z` });
  await createTestAssignment(db, { applicationId: inReview.id, jurorId: jurors[0].id, review: { score: (i) => (i % 3 === 0 ? 2 : 3), recommendation: "award" } });
  await createTestAssignment(db, { applicationId: inReview.id, jurorId: jurors[1].id });
  for (const [action, days] of [
    ["create", -20],
    ["submit", -15],
    ["accept", -12],
  ] as const) {
    await db.insertInto("seal_event").values({ application_id: inReview.id, actor_user_id: null, action, details: null, created_at: `${dayOffset(days)}T10:00:00.000Z` }).execute();
  }
}
