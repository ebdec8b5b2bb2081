/**
 * The seal's records of the route × role matrix (issue #15), made on first use so the shared
 * fixture stays as it is: a published catalogue, an application of Y under review with volunteer A
 * assigned as juror (no declaration yet), and a valid award of Y with its public code.
 */
import { getDb } from "../../../app/utils/db.server";
import { addDaysToDay, berlinDay } from "../../../app/utils/dates";
import { createTestApplication, createTestAssignment, createTestAward, createTestCatalogue, createTestEvidence, createTestJuror } from "../../factories/seal";
import type { Fixture } from "./fixture";

export const SEAL_CODE = "2026-ABCDEF0001";

const worlds = new WeakMap<Fixture, Promise<{ applicationId: number; awardedApplicationId: number; evidenceId: number; code: string }>>();

async function build(f: Fixture) {
  const db = getDb();
  // The catalogue of a database that has one already (the demo's, under the fa/tr browser crawl) is used as it is.
  const existing = await db.selectFrom("seal_criterion").select("id").where("version", "=", 1).orderBy("sort_order").execute();
  const criterionIds = existing.length ? existing.map((c) => c.id) : (await createTestCatalogue(db, { version: 1 })).criterionIds;
  const app = await createTestApplication(db, { organisationId: f.orgY.id, status: "in_review", answered: true });
  const evidence = await createTestEvidence(db, { applicationId: app.id, criterionId: criterionIds[0] });
  await createTestJuror(db, f.volunteerA.id);
  await createTestAssignment(db, { applicationId: app.id, jurorId: f.volunteerA.id });
  const awarded = await createTestApplication(db, { organisationId: f.orgY.id, status: "awarded" });
  const today = berlinDay(new Date());
  await createTestAward(db, { applicationId: awarded.id, organisationId: f.orgY.id, code: SEAL_CODE, awardedOn: today, validUntil: addDaysToDay(today, 1000) });
  return { applicationId: app.id, awardedApplicationId: awarded.id, evidenceId: evidence.id, code: SEAL_CODE };
}

export function sealWorld(f: Fixture) {
  let world = worlds.get(f);
  if (!world) {
    world = build(f);
    worlds.set(f, world);
  }
  return world;
}
